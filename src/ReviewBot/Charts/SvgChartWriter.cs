using System.Globalization;
using System.Text;
using System.Xml;

namespace ReviewBot.Charts;

/// <summary>
/// Renders a <see cref="LineChart"/> as a standalone SVG document: axes with round ticks and grid lines, axis labels,
/// one coloured polyline with point markers per series, point labels, a legend, and a <c>title</c> on every point for
/// hover. No scripts, fonts or other external assets, so it can be served by the dashboard or opened from disk.
/// </summary>
public static class SvgChartWriter
{
    private const string Ns = "http://www.w3.org/2000/svg";
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
            svg.WriteStartElement("svg", Ns);
            svg.WriteAttributeString("width", Number(chart.Width));
            svg.WriteAttributeString("height", Number(chart.Height));
            svg.WriteAttributeString("viewBox", $"0 0 {Number(chart.Width)} {Number(chart.Height)}");
            svg.WriteAttributeString("font-family", "sans-serif");
            svg.WriteAttributeString("font-size", "12");
            svg.WriteAttributeString("role", "img");
            svg.WriteElementString("title", Ns, chart.Title);
            Rect(svg, 0, 0, chart.Width, chart.Height, "#ffffff", null);
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
            svg.WriteStartElement("text", Ns);
            svg.WriteAttributeString("transform", $"translate(18,{Number(top + (plotHeight / 2.0))}) rotate(-90)");
            svg.WriteAttributeString("text-anchor", "middle");
            svg.WriteAttributeString("font-size", "13");
            svg.WriteString(chart.YLabel);
            svg.WriteEndElement();

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

    private static IEnumerable<double> Ticks(double min, double max, double step)
    {
        // Multiplied, not accumulated, so rounding error does not drift the last tick.
        for (var i = 0; min + (i * step) <= max + (step / 2); i++)
        {
            yield return min + (i * step);
        }
    }

    /// <summary>A range widened to round ticks (steps of 1, 2, 2.5 or 5 times a power of ten), about five of them.</summary>
    internal static (double Min, double Max, double Step) Axis(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            (min, max) = (0, 1);
        }

        if (max - min < 1e-9)
        {
            // One value: a unit range above a zero floor (a rate of 0%), otherwise around it.
            (min, max) = min == 0 ? (0, 1) : (min - 0.5, max + 0.5);
        }

        var raw = (max - min) / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= raw);
        return (Math.Floor(min / step) * step, Math.Ceiling(max / step) * step, step);
    }

    /// <summary>A tick label; a tick that is zero up to rounding prints as 0, never as -0.</summary>
    private static string Tick(double value, double step, string format) =>
        (Math.Abs(value) < step * 1e-9 ? 0 : value).ToString(format, CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static void Rect(XmlWriter svg, double x, double y, double width, double height, string fill, string? stroke)
    {
        svg.WriteStartElement("rect", Ns);
        svg.WriteAttributeString("x", Number(x));
        svg.WriteAttributeString("y", Number(y));
        svg.WriteAttributeString("width", Number(width));
        svg.WriteAttributeString("height", Number(height));
        svg.WriteAttributeString("fill", fill);
        if (stroke is not null)
        {
            svg.WriteAttributeString("stroke", stroke);
        }

        svg.WriteEndElement();
    }

    private static void Line(XmlWriter svg, double x1, double y1, double x2, double y2, string stroke, double width)
    {
        svg.WriteStartElement("line", Ns);
        svg.WriteAttributeString("x1", Number(x1));
        svg.WriteAttributeString("y1", Number(y1));
        svg.WriteAttributeString("x2", Number(x2));
        svg.WriteAttributeString("y2", Number(y2));
        svg.WriteAttributeString("stroke", stroke);
        svg.WriteAttributeString("stroke-width", Number(width));
        svg.WriteEndElement();
    }

    private static void Text(XmlWriter svg, double x, double y, string text, string anchor, string? size = null, string? weight = null, string? fill = null)
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

        if (fill is not null)
        {
            svg.WriteAttributeString("fill", fill);
        }

        svg.WriteString(text);
        svg.WriteEndElement();
    }
}
