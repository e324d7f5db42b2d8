namespace ReviewBot.Charts;

/// <summary>One bar: its category, its value, and a note shown with the value (e.g. how many it is out of).</summary>
public sealed record ChartBar(string Label, double Value, string? Note = null);

/// <summary>A vertical bar chart to render as SVG, one bar per category, in the order given.</summary>
public sealed record BarChart
{
    public required string Title { get; init; }

    public required string YLabel { get; init; }

    public required IReadOnlyList<ChartBar> Bars { get; init; }

    public double YMin { get; init; }

    /// <summary>Top of the value axis; default the largest value, widened to a round tick.</summary>
    public double? YMax { get; init; }

    /// <summary>Format of values and ticks, e.g. <c>0%</c>.</summary>
    public string TickFormat { get; init; } = "0.##";

    public string Colour { get; init; } = "#0072B2";

    /// <summary>Draw the title above the plot (it is always the SVG's accessible <c>title</c>). Default true.</summary>
    public bool ShowTitle { get; init; } = true;

    public int Width { get; init; } = 760;

    public int Height { get; init; } = 360;
}
