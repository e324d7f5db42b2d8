using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ReviewBot.Analysis;

/// <summary>
/// Section <c>Analysis</c>: the offline critic's finding sources (compiler, analyzers, ReviewBot's rules, text checks)
/// and the C# context provider.
/// </summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Analysis";

    /// <summary>Files larger than this (in bytes, whole file or what the diff shows of it) are skipped. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxFileBytes { get; set; } = 1024 * 1024;

    /// <summary>At most this many C# files of one change are compiled; a larger change is analysed by text checks only. Default 300.</summary>
    [Range(1, 10_000)]
    public int MaxCSharpFiles { get; set; } = 300;

    /// <summary>Report compiler warnings and errors (a curated set) that the change introduced. Default true.</summary>
    public bool CompilerDiagnostics { get; set; } = true;

    /// <summary>Run the bundled analyzer packages (NetAnalyzers, Roslynator, Meziantou; curated rules). Default true.</summary>
    public bool Analyzers { get; set; } = true;

    /// <summary>Run ReviewBot's own C# rules (<c>RB0001</c>…). Default true.</summary>
    public bool Rules { get; set; } = true;

    /// <summary>Run the language-agnostic checks (conflict markers, secrets, debug leftovers; <c>RB1001</c>…). Default true.</summary>
    public bool TextChecks { get; set; } = true;

    /// <summary>Rule or diagnostic ids never reported, e.g. <c>RB0012</c> or <c>CA1854</c>. Default none.</summary>
    public string[] DisabledRules { get; set; } = [];

    /// <summary>
    /// Folder holding the analyzer assemblies (<c>NetAnalyzers/</c>, <c>Roslynator/</c>, <c>Meziantou/</c>). Default:
    /// <c>analyzers</c> next to ReviewBot's own assemblies, where the build puts them.
    /// </summary>
    public string? AnalyzerDirectory { get; set; }

    /// <summary>True unless <paramref name="ruleId"/> is listed in <see cref="DisabledRules"/>.</summary>
    public bool IsEnabled(string ruleId) => !DisabledRules.Contains(ruleId, StringComparer.OrdinalIgnoreCase);
}

/// <summary>Checks what data annotations cannot: rule ids look like ids, the analyzer folder exists. Reports every failure.</summary>
public sealed partial class AnalysisOptionsValidator : IValidateOptions<AnalysisOptions>
{
    public ValidateOptionsResult Validate(string? name, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var id in options.DisabledRules ?? [])
        {
            if (id is null || !RuleIdPattern().IsMatch(id))
            {
                failures.Add($"Analysis:DisabledRules: '{id}' is not a rule id (expected letters then digits, e.g. RB0012 or CA1854).");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.AnalyzerDirectory) && !Directory.Exists(options.AnalyzerDirectory))
        {
            failures.Add($"Analysis:AnalyzerDirectory: folder '{options.AnalyzerDirectory}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z]{1,8}[0-9]{1,6}$")]
    private static partial Regex RuleIdPattern();
}
