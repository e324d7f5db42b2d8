using System.Globalization;
using System.Text;
using System.Xml;
using static ReviewBot.Charts.SvgCanvas;

namespace ReviewBot.Charts;

/// <summary>
/// Renders a <see cref="LineChart"/> as a standalone SVG document: axes with round ticks and grid lines, axis labels,
/// one coloured polyline with point markers per series, point labels, a legend, and a <c>title</c> on every point for
/// hover. No scripts, fonts or other external assets, so it can be served by the dashboard or opened from disk.
/// </summary>
public static class SvgChartWriter
{
    private const int Left = 70, Bottom = 56;

    private static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static string Write(LineChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var top = chart.ShowTitle ? 44 : 16;
        var right = chart.LegendWidth > 0 ? chart.LegendWidth : 24;
        var points = chart.Series.SelectMany(static s => s.Points).ToList();
        var (xMin, xMax, xStep) = Axis(chart.XMin ?? (points.Count == 0 ? 0 : points.Min(static p => p.X)), chart.XMax ?? (points.Count == 0 ? 1 : points.Max(static p => p.X)));
        var (yMin, yMax, yStep) = Axis(chart.YMin ?? (points.Count == 0 ? 0 : points.Min(static p => p.Y)), chart.YMax ?? (points.Count == 0 ? 1 : points.Max(static p => p.Y)));
        var plotWidth = chart.Width - Left - right;
        var plotHeight = chart.Height - top - Bottom;
        double X(double x) => Left + ((x - xMin) / (xMax - xMin) * plotWidth);
        double Y(double y) => top + plotHeight - ((y - yMin) / (yMax - yMin) * plotHeight);

        var output = new StringBuilder();
        using (var svg = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            Open(svg, chart.Width, chart.Height, chart.Title);
            if (chart.ShowTitle)
            {
                Text(svg, chart.Width / 2.0, 24, chart.Title, "middle", "15", "bold");
            }

            // Grid, ticks and tick labels.
            var xTicks = chart.XTicks ?? [.. Ticks(xMin, xMax, xStep).Select(x => new AxisTick(x, Tick(x, xStep, chart.XTickFormat ?? chart.TickFormat)))];
            foreach (var tick in xTicks)
            {
                Line(svg, X(tick.Value), top, X(tick.Value), top + plotHeight, "#e5e5e5", 1);
                Text(svg, X(tick.Value), top + plotHeight + 18, tick.Label, "middle");
            }

            for (var i = 0; yMin + (i * yStep) <= yMax + (yStep / 2); i++)
            {
                var y = yMin + (i * yStep);
                Line(svg, Left, Y(y), Left + plotWidth, Y(y), "#e5e5e5", 1);
                Text(svg, Left - 8, Y(y) + 4, Tick(y, yStep, chart.TickFormat), "end");
            }

            Line(svg, Left, top + plotHeight, Left + plotWidth, top + plotHeight, "#333333", 1.5);
            Line(svg, Left, top, Left, top + plotHeight, "#333333", 1.5);
            Text(svg, Left + (plotWidth / 2.0), chart.Height - 14, chart.XLabel, "middle", "13");
            VerticalLabel(svg, top + (plotHeight / 2.0), chart.YLabel);

            // Points of several series often coincide; their labels would print on top of each other.
            var labelled = new List<(double X, double Y)>();
            for (var s = 0; s < chart.Series.Count; s++)
            {
                var series = chart.Series[s];
                var palette = chart.Palette is { Count: > 0 } own ? own : Palette;
                var colour = palette[s % palette.Count];
                svg.WriteStartElement("g", Ns);
                svg.WriteAttributeString("class", "series");
                svg.WriteAttributeString("data-series", series.Name);
                svg.WriteStartElement("polyline", Ns);
                svg.WriteAttributeString("fill", "none");
                svg.WriteAttributeString("stroke", colour);
                svg.WriteAttributeString("stroke-width", "2");
                svg.WriteAttributeString("points", string.Join(' ', series.Points.Select(p => $"{Number(X(p.X))},{Number(Y(p.Y))}")));
                svg.WriteEndElement();
                foreach (var point in series.Points)
                {
                    svg.WriteStartElement("circle", Ns);
                    svg.WriteAttributeString("cx", Number(X(point.X)));
                    svg.WriteAttributeString("cy", Number(Y(point.Y)));
                    svg.WriteAttributeString("r", "3.5");
                    svg.WriteAttributeString("fill", colour);
                    svg.WriteElementString("title", Ns, string.Create(CultureInfo.InvariantCulture, $"{series.Name} {point.Label}: ({point.X:0.###}, {point.Y:0.###})"));
                    svg.WriteEndElement();
                    if (point.Label is not null && !labelled.Exists(l => Math.Abs(l.X - X(point.X)) < 24 && Math.Abs(l.Y - Y(point.Y)) < 10))
                    {
                        labelled.Add((X(point.X), Y(point.Y)));
                        Text(svg, X(point.X) + 5, Y(point.Y) - 6, point.Label, "start", "10", fill: colour);
                    }
                }

                svg.WriteEndElement();

                if (chart.LegendWidth <= 0)
                {
                    continue;
                }

                // Legend entry.
                var legendY = top + 10 + (s * 20);
                Line(svg, Left + plotWidth + 16, legendY, Left + plotWidth + 40, legendY, colour, 2.5);
                Text(svg, Left + plotWidth + 46, legendY + 4, series.Name, "start");
            }

            svg.WriteEndElement();
        }

        return output.ToString();
    }
}
