using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ReviewBot.Dashboard;

/// <summary>
/// A small HTML writer: every text and attribute value goes through <see cref="HtmlEncoder"/>; markup comes only from
/// tag names and attribute names written here, and from SVG that ReviewBot's chart writers produce (<see cref="Svg"/>).
/// </summary>
internal sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly StringBuilder _text = new();

    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _text.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _text.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
            }
        }

        _text.Append('>');
        return this;
    }

    public Html Close(string tag)
    {
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes) => Open(tag, attributes).Text(text).Close(tag);

    public Html Text(string? text)
    {
        _text.Append(Encoder.Encode(text ?? ""));
        return this;
    }

    public Html Number(double value, string format = "0.##") => Text(value.ToString(format, CultureInfo.InvariantCulture));

    /// <summary>An SVG document from <see cref="Charts.SvgChartWriter"/> or <see cref="Charts.SvgBarChartWriter"/>, which encode every text they hold.</summary>
    public Html Svg(string svg)
    {
        _text.Append(svg);
        return this;
    }

    public Html Void(string tag, params (string Name, string? Value)[] attributes)
    {
        Open(tag, attributes);
        return this;
    }

    public override string ToString() => _text.ToString();
}
