using System.Globalization;
using System.Xml;

namespace ReviewBot.Charts;

/// <summary>The SVG pieces both chart writers draw with: the document's opening, shapes, text, and round axis ticks.</summary>
internal static class SvgCanvas
{
    public const string Ns = "http://www.w3.org/2000/svg";

    /// <summary>Opens the <c>svg</c> element (sized, titled for screen readers) and paints a white background.</summary>
    public static void Open(XmlWriter svg, double width, double height, string title)
    {
        svg.WriteStartElement("svg", Ns);
        svg.WriteAttributeString("width", Number(width));
        svg.WriteAttributeString("height", Number(height));
        svg.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        svg.WriteAttributeString("font-family", "sans-serif");
        svg.WriteAttributeString("font-size", "12");
        svg.WriteAttributeString("role", "img");
        svg.WriteElementString("title", Ns, title);
        Rect(svg, 0, 0, width, height, "#ffffff", null);
    }

    /// <summary>A y-axis label, rotated, centred on <paramref name="middle"/>.</summary>
    public static void VerticalLabel(XmlWriter svg, double middle, string text)
    {
        svg.WriteStartElement("text", Ns);
        svg.WriteAttributeString("transform", $"translate(18,{Number(middle)}) rotate(-90)");
        svg.WriteAttributeString("text-anchor", "middle");
        svg.WriteAttributeString("font-size", "13");
        svg.WriteString(text);
        svg.WriteEndElement();
    }

    public static IEnumerable<double> Ticks(double min, double max, double step)
    {
        // Multiplied, not accumulated, so rounding error does not drift the last tick.
        for (var i = 0; min + (i * step) <= max + (step / 2); i++)
        {
            yield return min + (i * step);
        }
    }

    /// <summary>A range widened to round ticks (steps of 1, 2, 2.5 or 5 times a power of ten), about five of them.</summary>
    public static (double Min, double Max, double Step) Axis(double min, double max)
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
    public static string Tick(double value, double step, string format) =>
        (Math.Abs(value) < step * 1e-9 ? 0 : value).ToString(format, CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public static void Rect(XmlWriter svg, double x, double y, double width, double height, string fill, string? stroke)
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

    public static void Line(XmlWriter svg, double x1, double y1, double x2, double y2, string stroke, double width)
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

    public static void Text(XmlWriter svg, double x, double y, string text, string anchor, string? size = null, string? weight = null, string? fill = null)
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
