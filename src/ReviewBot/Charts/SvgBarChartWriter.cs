using System.Globalization;
using System.Text;
using System.Xml;

namespace ReviewBot.Charts;

/// <summary>
/// Renders a <see cref="BarChart"/> as a standalone SVG document in the style of <see cref="SvgChartWriter"/>: round
/// ticks and grid lines, one <c>rect class="bar"</c> per category with its value above it and a <c>title</c> for
/// hover, category labels below. No scripts or external assets.
/// </summary>
public static class SvgBarChartWriter
{
    private const string Ns = "http://www.w3.org/2000/svg";
    private const int Left = 64, Right = 24, Bottom = 64;

    public static string Write(BarChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var top = chart.ShowTitle ? 44 : 24;
        var max = chart.YMax ?? (chart.Bars.Count == 0 ? 1 : Math.Max(chart.Bars.Max(static b => b.Value), chart.YMin + 1e-9));
        var (yMin, yMax, yStep) = SvgChartWriter.Axis(chart.YMin, max);
        var plotWidth = chart.Width - Left - Right;
        var plotHeight = chart.Height - top - Bottom;
        double Y(double y) => top + plotHeight - ((y - yMin) / (yMax - yMin) * plotHeight);
        var slot = chart.Bars.Count == 0 ? plotWidth : plotWidth / (double)chart.Bars.Count;
        var barWidth = Math.Min(72, slot * 0.62);

        var output = new StringBuilder();
        using (var svg = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            svg.WriteStartElement("svg", Ns);
            svg.WriteAttributeString("width", Number(chart.Width));
            svg.WriteAttributeString("height", Number(chart.Height));
            svg.WriteAttributeString("viewBox", $"0 0 {Number(chart.Width)} {Number(chart.Height)}");
            svg.WriteAttributeString("font-family", "sans-serif");
            svg.WriteAttributeString("font-size", "12");
            svg.WriteAttributeString("role", "img");
            svg.WriteElementString("title", Ns, chart.Title);
            Element(svg, "rect", ("x", "0"), ("y", "0"), ("width", Number(chart.Width)), ("height", Number(chart.Height)), ("fill", "#ffffff"));
            if (chart.ShowTitle)
            {
                Text(svg, chart.Width / 2.0, 24, chart.Title, "middle", "15", "bold");
            }

            for (var y = yMin; y <= yMax + (yStep / 2); y += yStep)
            {
                Element(svg, "line", ("x1", Number(Left)), ("y1", Number(Y(y))), ("x2", Number(Left + plotWidth)), ("y2", Number(Y(y))), ("stroke", "#e5e5e5"), ("stroke-width", "1"));
                Text(svg, Left - 8, Y(y) + 4, y.ToString(chart.TickFormat, CultureInfo.InvariantCulture), "end");
            }

            Element(svg, "line", ("x1", Number(Left)), ("y1", Number(top + plotHeight)), ("x2", Number(Left + plotWidth)), ("y2", Number(top + plotHeight)), ("stroke", "#333333"), ("stroke-width", "1.5"));
            svg.WriteStartElement("text", Ns);
            svg.WriteAttributeString("transform", $"translate(18,{Number(top + (plotHeight / 2.0))}) rotate(-90)");
            svg.WriteAttributeString("text-anchor", "middle");
            svg.WriteAttributeString("font-size", "13");
            svg.WriteString(chart.YLabel);
            svg.WriteEndElement();

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

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Element(XmlWriter svg, string name, params (string Name, string Value)[] attributes)
    {
        svg.WriteStartElement(name, Ns);
        foreach (var (attribute, value) in attributes)
        {
            svg.WriteAttributeString(attribute, value);
        }

        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, string anchor, string? size = null, string? weight = null)
    {
        svg.WriteStartElement("text", Ns);
        svg.WriteAttributeString("x", Number(x));
        svg.WriteAttributeString("y", Number(y));
        svg.WriteAttributeString("text-anchor", anchor);
        if (size is not null)
        {
            svg.WriteAttributeString("font-size", size);
        }

        if (weight is not null)
        {
            svg.WriteAttributeString("font-weight", weight);
        }

        svg.WriteString(text);
        svg.WriteEndElement();
    }
}
