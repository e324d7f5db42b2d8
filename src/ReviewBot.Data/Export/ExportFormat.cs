namespace ReviewBot.Data.Export;

/// <summary>The dataset layouts <c>reviewbot export</c> writes.</summary>
public enum ExportFormat
{
    /// <summary>TRL preference (DPO, reward modelling): <c>{"prompt","chosen","rejected"}</c>, conversational.</summary>
    TrlPreference,

    /// <summary>TRL unpaired preference (KTO): <c>{"prompt","completion","label"}</c>, conversational.</summary>
    TrlKto,

    /// <summary>OpenAI preference fine-tuning: <c>{"input":{"messages"},"preferred_output","non_preferred_output"}</c>.</summary>
    OpenAiPreference,

    /// <summary>ReviewBot's own <c>reward-pairs</c>, what <c>reviewbot rm train</c> reads.</summary>
    RewardPairs,
}

public static class ExportFormats
{
    public static IReadOnlyList<string> Names { get; } = [.. Enum.GetValues<ExportFormat>().Select(Name)];

    public static string Name(ExportFormat format) => format switch
    {
        ExportFormat.TrlPreference => "trl-preference",
        ExportFormat.TrlKto => "trl-kto",
        ExportFormat.OpenAiPreference => "openai-preference",
        ExportFormat.RewardPairs => "reward-pairs",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static ExportFormat? Parse(string? name) =>
        Enum.GetValues<ExportFormat>().Where(f => string.Equals(Name(f), name, StringComparison.OrdinalIgnoreCase)).Select(static f => (ExportFormat?)f).FirstOrDefault();

    /// <summary>True for the formats made of pairs (one row per preference); false for KTO's one row per comment.</summary>
    public static bool IsPaired(ExportFormat format) => format != ExportFormat.TrlKto;
}
