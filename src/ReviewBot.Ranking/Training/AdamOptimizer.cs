namespace ReviewBot.Ranking.Training;

/// <summary>Adam (Kingma and Ba, 2015) with an L2 penalty added to the gradient of weights.</summary>
internal sealed class AdamOptimizer(int parameterCount, double learningRate, double l2)
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly double[] _m = new double[parameterCount];
    private readonly double[] _v = new double[parameterCount];
    private int _step;

    public void Step(PairwiseModel model, double[] gradient)
    {
        _step++;
        var correction1 = 1 - Math.Pow(Beta1, _step);
        var correction2 = 1 - Math.Pow(Beta2, _step);
        var parameters = model.Parameters;
        for (var i = 0; i < parameters.Length; i++)
        {
            var g = gradient[i] + (model.IsWeight(i) ? l2 * parameters[i] : 0);
            _m[i] = (Beta1 * _m[i]) + ((1 - Beta1) * g);
            _v[i] = (Beta2 * _v[i]) + ((1 - Beta2) * g * g);
            parameters[i] -= learningRate * (_m[i] / correction1) / (Math.Sqrt(_v[i] / correction2) + Epsilon);
        }
    }
}
