using System.Globalization;
using ReviewBot.Ranking.Features;
using ReviewBot.Ranking.Onnx;

namespace ReviewBot.Ranking.Scoring;

/// <summary>
/// What an ONNX file must be to serve as ReviewBot's reward model: one float input [batch, F] (named
/// <c>features</c> by ReviewBot's trainer), a float output [batch, 1] or [batch] (preferably named <c>score</c>), and
/// <c>metadata_props</c> naming the feature schema it was trained on.
/// </summary>
public static class RewardModelContract
{
    public const string FeatureSchemaKey = "feature_schema";
    public const string FeatureSchemaVersionKey = "feature_schema_version";
    public const string FeatureDimensionKey = "feature_dimension";
    public const string FeatureHashSeedKey = "feature_hash_seed";
    public const string TrainingDataKey = "training_data_sha256";
    public const string TrainerKey = "trainer";
    public const string CreatedWithKey = "created_with";

    /// <summary>The keys a model must carry, each equal to the running extractor's value.</summary>
    public static IReadOnlyList<string> RequiredKeys { get; } = [FeatureSchemaKey, FeatureSchemaVersionKey, FeatureDimensionKey, FeatureHashSeedKey];

    /// <summary>The schema keys and values for <paramref name="schema"/>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> SchemaMetadata(FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        yield return new(FeatureSchemaKey, schema.Name);
        yield return new(FeatureSchemaVersionKey, schema.Version.ToString(CultureInfo.InvariantCulture));
        yield return new(FeatureDimensionKey, schema.Dimension.ToString(CultureInfo.InvariantCulture));
        yield return new(FeatureHashSeedKey, schema.HashSeed.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Checks a loaded session against <paramref name="schema"/>; returns every problem at once (empty when usable)
    /// and, when usable, the index of the score output.
    /// </summary>
    public static (IReadOnlyList<string> Problems, int OutputIndex) Check(OnnxSession session, FeatureSchema schema)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        var metadata = session.Model.CustomMetadata;
        foreach (var (key, expected) in SchemaMetadata(schema))
        {
            if (!metadata.TryGetValue(key, out var actual))
            {
                problems.Add($"metadata_props has no '{key}' (expected '{expected}')");
            }
            else if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                problems.Add($"'{key}' is '{actual}' but the running feature extractor has '{expected}'");
            }
        }

        if (session.Inputs.Count != 1)
        {
            problems.Add($"the model has {session.Inputs.Count} inputs; expected exactly one float[batch, {schema.Dimension}]");
        }
        else
        {
            var input = session.Inputs[0];
            if (input.ElementType != OnnxElementType.Float || input.Dimensions.Count != 2 || (input.Dimensions[1] >= 0 && input.Dimensions[1] != schema.Dimension))
            {
                problems.Add($"input is {input}; expected float[batch, {schema.Dimension}]");
            }
        }

        var outputIndex = FindOutput(session);
        if (outputIndex < 0)
        {
            problems.Add($"no output named 'score' among {session.Outputs.Count} outputs; name it 'score' or give the model a single output");
        }
        else
        {
            var output = session.Outputs[outputIndex];
            var perRow = output.Dimensions.Skip(1).Aggregate(1L, static (a, d) => a * d);
            if (output.ElementType != OnnxElementType.Float || output.Dimensions.Count is < 1 or > 2 || perRow != 1)
            {
                problems.Add($"output is {output}; expected float[batch, 1] or float[batch]");
            }
        }

        return (problems, outputIndex);
    }

    private static int FindOutput(OnnxSession session)
    {
        for (var i = 0; i < session.Outputs.Count; i++)
        {
            if (string.Equals(session.Outputs[i].Name, OnnxModelWriter.OutputName, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return session.Outputs.Count == 1 ? 0 : -1;
    }
}
