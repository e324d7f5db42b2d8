namespace ReviewBot.Charts;

/// <summary>A point of a series, with an optional label written next to it (e.g. the λ that produced it).</summary>
public sealed record ChartPoint(double X, double Y, string? Label = null);

/// <summary>A tick of an axis: where, and what it says.</summary>
public sealed record AxisTick(double Value, string Label);

/// <summary>A named line of points, drawn in order.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ChartPoint> Points);

/// <summary>A line chart to render as SVG. Axis ranges default to the data's, widened to round ticks.</summary>
public sealed record LineChart
{
    public required string Title { get; init; }

    public required string XLabel { get; init; }

    public required string YLabel { get; init; }

    public required IReadOnlyList<ChartSeries> Series { get; init; }

    public double? XMin { get; init; }

    public double? XMax { get; init; }

    public double? YMin { get; init; }

    public double? YMax { get; init; }

    /// <summary>Format of tick values, e.g. <c>0%</c> for shares or <c>0.##</c>.</summary>
    public string TickFormat { get; init; } = "0.##";

    /// <summary>Format of the x axis's tick values when it differs from <see cref="TickFormat"/>.</summary>
    public string? XTickFormat { get; init; }

    /// <summary>Ticks of the x axis at these values with these labels (e.g. dates), instead of round numbers.</summary>
    public IReadOnlyList<AxisTick>? XTicks { get; init; }

    /// <summary>Draw the title above the plot (it is always the SVG's accessible <c>title</c>). Default true.</summary>
    public bool ShowTitle { get; init; } = true;

    /// <summary>Room right of the plot for the legend; 0 draws no legend. Default 200.</summary>
    public int LegendWidth { get; init; } = 200;

    /// <summary>Series colours, in order; default a categorical palette.</summary>
    public IReadOnlyList<string>? Palette { get; init; }

    public int Width { get; init; } = 760;

    public int Height { get; init; } = 460;
}
