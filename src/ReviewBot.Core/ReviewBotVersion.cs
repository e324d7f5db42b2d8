using System.Reflection;

namespace ReviewBot.Core;

/// <summary>ReviewBot's version, stored with every review and written into dataset cards.</summary>
public static class ReviewBotVersion
{
    /// <summary>The informational version without build metadata, e.g. <c>0.1.0</c>.</summary>
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ReviewBotVersion).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
