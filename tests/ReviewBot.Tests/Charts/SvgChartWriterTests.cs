using System.Xml.Linq;
using ReviewBot.Charts;

namespace ReviewBot.Tests.Charts;

public sealed class SvgChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Write_TwoSeries_ValidSvgWithOneLineAndLegendEntryPerSeries()
    {
        var chart = new LineChart
        {
            Title = "CBI <against> hallucinations & more",
            XLabel = "hallucination rate",
            YLabel = "CBI",
            Series =
            [
                new ChartSeries("FSBS, λ", [new(0.0, 0.2, "λ=-1"), new(0.1, 0.3, "λ=0"), new(0.3, 0.5, "λ=1")]),
                new ChartSeries("best-of-N, λ", [new(0.0, 0.1), new(0.2, 0.4)]),
            ],
            XMin = 0,
            YMin = 0,
            TickFormat = "0%",
        };

        var document = XDocument.Parse(SvgChartWriter.Write(chart));

        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("CBI <against> hallucinations & more", root.Element(Svg + "title")!.Value);
        var series = root.Elements(Svg + "g").Where(static g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(["FSBS, λ", "best-of-N, λ"], series.Select(static g => (string)g.Attribute("data-series")!));
        Assert.Equal([3, 2], series.Select(static g => ((string)g.Element(Svg + "polyline")!.Attribute("points")!).Split(' ').Length));
        Assert.Equal([3, 2], series.Select(static g => g.Elements(Svg + "circle").Count()));
        var texts = root.Descendants(Svg + "text").Select(static t => t.Value).ToList();
        Assert.Contains("FSBS, λ", texts);
        Assert.Contains("best-of-N, λ", texts);
        Assert.Contains("hallucination rate", texts);
        Assert.Contains("CBI", texts);
        Assert.Contains("λ=0", texts);
        Assert.Contains("50%", texts);
    }

    [Fact]
    public void Write_Points_LieInsideThePlotArea()
    {
        var chart = new LineChart { Title = "t", XLabel = "x", YLabel = "y", Series = [new ChartSeries("s", [new(-3, 10), new(7, -2), new(2, 2)])] };

        var root = XDocument.Parse(SvgChartWriter.Write(chart)).Root!;

        foreach (var circle in root.Descendants(Svg + "circle"))
        {
            var x = double.Parse((string)circle.Attribute("cx")!, System.Globalization.CultureInfo.InvariantCulture);
            var y = double.Parse((string)circle.Attribute("cy")!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(x, 0, chart.Width);
            Assert.InRange(y, 0, chart.Height);
        }
    }

    [Fact]
    public void Write_AllPointsAtZero_AxisStartsAtZeroWithoutNegativeTicks()
    {
        var chart = new LineChart { Title = "t", XLabel = "x", YLabel = "y", Series = [new ChartSeries("s", [new(0, 0.2, "a"), new(0, 0.2, "b")])], XMin = 0, YMin = 0, TickFormat = "0%" };

        var root = XDocument.Parse(SvgChartWriter.Write(chart)).Root!;

        var texts = root.Descendants(Svg + "text").Select(static t => t.Value).ToList();
        Assert.DoesNotContain(texts, static t => t.StartsWith('-'));
        Assert.Contains("0%", texts);
        Assert.Contains("a", texts);
        Assert.DoesNotContain("b", texts);
    }

    [Theory]
    [InlineData(0, 1, 0.2)]
    [InlineData(0.03, 0.61, 0.2)]
    [InlineData(-3, 10, 5)]
    public void Axis_Range_RoundSteps(double min, double max, double step)
    {
        var axis = SvgCanvas.Axis(min, max);

        Assert.Equal(step, axis.Step, 9);
        Assert.True(axis.Min <= min && axis.Max >= max);
    }
}
