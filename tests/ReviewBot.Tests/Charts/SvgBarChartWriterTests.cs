using System.Xml.Linq;
using ReviewBot.Charts;

namespace ReviewBot.Tests.Charts;

public sealed class SvgBarChartWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Write_ThreeBars_OneRectEachWithHeightsInProportion()
    {
        var chart = new BarChart
        {
            Title = "Acceptance <per> kind & more",
            YLabel = "received well",
            Bars = [new ChartBar("bug", 0.8, "n=5"), new ChartBar("style <b>", 0.2, "n=4"), new ChartBar("security", 0.4)],
            YMax = 1,
            TickFormat = "0%",
            ShowTitle = false,
        };

        var root = XDocument.Parse(SvgBarChartWriter.Write(chart)).Root!;

        Assert.Equal("Acceptance <per> kind & more", root.Element(Svg + "title")!.Value);
        var bars = root.Elements(Svg + "rect").Where(static r => (string?)r.Attribute("class") == "bar").ToList();
        Assert.Equal(["bug", "style <b>", "security"], bars.Select(static b => (string)b.Attribute("data-label")!));
        var heights = bars.Select(static b => double.Parse((string)b.Attribute("height")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(4.0, heights[0] / heights[1], 3);
        Assert.Equal(2.0, heights[2] / heights[1], 3);
        Assert.Equal("bug: 80% (n=5)", bars[0].Element(Svg + "title")!.Value);
        Assert.DoesNotContain(root.Elements(Svg + "text"), static t => t.Value == "Acceptance <per> kind & more");
    }
}
