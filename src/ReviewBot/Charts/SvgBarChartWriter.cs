using System.Globalization;
using System.Text;
using System.Xml;
using static ReviewBot.Charts.SvgCanvas;

namespace ReviewBot.Charts;

/// <summary>
/// Renders a <see cref="BarChart"/> as a standalone SVG document in the style of <see cref="SvgChartWriter"/>: round
/// ticks and grid lines, one <c>rect class="bar"</c> per category with its value above it and a <c>title</c> for
/// hover, category labels below. No scripts or external assets.
/// </summary>
public static class SvgBarChartWriter
{
    private const int Left = 64, Right = 24, Bottom = 64;

    public static string Write(BarChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var top = chart.ShowTitle ? 44 : 24;
        var max = chart.YMax ?? (chart.Bars.Count == 0 ? 1 : Math.Max(chart.Bars.Max(static b => b.Value), chart.YMin + 1e-9));
        var (yMin, yMax, yStep) = Axis(chart.YMin, max);
        var plotWidth = chart.Width - Left - Right;
        var plotHeight = chart.Height - top - Bottom;
        double Y(double y) => top + plotHeight - ((y - yMin) / (yMax - yMin) * plotHeight);
        var slot = chart.Bars.Count == 0 ? plotWidth : plotWidth / (double)chart.Bars.Count;
        var barWidth = Math.Min(72, slot * 0.62);

        var output = new StringBuilder();
        using (var svg = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            Open(svg, chart.Width, chart.Height, chart.Title);
            if (chart.ShowTitle)
            {
                Text(svg, chart.Width / 2.0, 24, chart.Title, "middle", "15", "bold");
            }

            foreach (var y in Ticks(yMin, yMax, yStep))
            {
                Line(svg, Left, Y(y), Left + plotWidth, Y(y), "#e5e5e5", 1);
                Text(svg, Left - 8, Y(y) + 4, Tick(y, yStep, chart.TickFormat), "end");
            }

            Line(svg, Left, top + plotHeight, Left + plotWidth, top + plotHeight, "#333333", 1.5);
            VerticalLabel(svg, top + (plotHeight / 2.0), chart.YLabel);

            for (var i = 0; i < chart.Bars.Count; i++)
            {
                var bar = chart.Bars[i];
                var centre = Left + (slot * (i + 0.5));
                var barTop = Y(Math.Clamp(bar.Value, yMin, yMax));
                var value = bar.Value.ToString(chart.TickFormat, CultureInfo.InvariantCulture);
                svg.WriteStartElement("rect", Ns);
                svg.WriteAttributeString("class", "bar");
                svg.WriteAttributeString("data-label", bar.Label);
                svg.WriteAttributeString("x", Number(centre - (barWidth / 2)));
                svg.WriteAttributeString("y", Number(barTop));
                svg.WriteAttributeString("width", Number(barWidth));
                svg.WriteAttributeString("height", Number(Math.Max(0, top + plotHeight - barTop)));
                svg.WriteAttributeString("rx", "3");
                svg.WriteAttributeString("fill", chart.Colour);
                svg.WriteElementString("title", Ns, bar.Note is null ? $"{bar.Label}: {value}" : $"{bar.Label}: {value} ({bar.Note})");
                svg.WriteEndElement();
                Text(svg, centre, barTop - 6, bar.Note is null ? value : $"{value} · {bar.Note}", "middle", "11");
                Text(svg, centre, top + plotHeight + 18, bar.Label, "middle");
            }

            svg.WriteEndElement();
        }

        return output.ToString();
    }
}
