using System.Text.RegularExpressions;
using ReviewBot.Core.Critiques;

namespace ReviewBot.Analysis.Text;

/// <summary>
/// RB1003: debugging aids left in added lines: <c>debugger;</c>, <c>console.log</c>, focused tests
/// (<c>it.only</c>), <c>pdb.set_trace()</c>/<c>breakpoint()</c>, debug <c>print(</c> calls,
/// <c>Debugger.Break()</c>, <c>Debug.WriteLine</c>, <c>binding.pry</c>, <c>dbg!</c>, and notes such as
/// "TODO: remove" or "do not merge". Each check applies to the languages where it means something.
/// </summary>
internal static partial class DebugLeftovers
{
    public const string RuleId = "RB1003";

    private static readonly string[] JavaScript = [".js", ".jsx", ".ts", ".tsx", ".mjs", ".cjs", ".vue", ".svelte"];

    private static readonly (string[]? Extensions, Func<Regex> Pattern, double Confidence, string Comment)[] Checks =
    [
        (JavaScript, DebuggerStatement, 0.85, "A `debugger;` statement is left in: it pauses execution whenever developer tools are open. Remove it."),
        (JavaScript, FocusedTest, 0.8, "This test is focused (`.only`/`fit`/`fdescribe`), so the rest of the suite is silently skipped. Remove the focus before merging."),
        (JavaScript, ConsoleLog, 0.5, "`console.log` looks like debugging output left in; remove it, or use the project's logger if the message should stay."),
        ([".py"], PythonDebugger, 0.85, "A debugger breakpoint (`pdb`/`breakpoint()`) is left in; it stops the program waiting for input. Remove it."),
        ([".py"], PythonDebugPrint, 0.5, "This `print(` looks like debugging output left in; remove it, or use `logging` if the message should stay."),
        ([".cs"], DebuggerBreak, 0.85, "`Debugger.Break()`/`Debugger.Launch()` is left in: it stops or prompts for a debugger wherever this runs. Remove it."),
        ([".cs"], DebugWriteLine, 0.4, "`Debug.WriteLine` looks like debugging output left in (and it is compiled out of Release builds); remove it, or log through the application's logger."),
        ([".cs"], ConsoleDebug, 0.5, "This `Console.WriteLine` looks like debugging output left in; remove it, or log through the application's logger."),
        ([".rb"], RubyDebugger, 0.85, "A debugger breakpoint (`binding.pry`/`byebug`) is left in; it stops the program waiting for input. Remove it."),
        ([".rs"], RustDbg, 0.7, "`dbg!` is debugging output left in; remove it."),
        ([".php"], PhpDump, 0.6, "`var_dump`/`dd` is debugging output left in; remove it."),
        (null, RemoveBeforeMerge, 0.7, "This note says the code should not be merged as it is (\"remove\"/\"do not merge\"); finish it or remove it before merging."),
    ];

    public static LineFinding? Check(string line, string path)
    {
        var extension = Path.GetExtension(path);
        var inTests = path.Contains("test", StringComparison.OrdinalIgnoreCase) || path.Contains("spec", StringComparison.OrdinalIgnoreCase);
        try
        {
            foreach (var (extensions, pattern, confidence, comment) in Checks)
            {
                if ((extensions is not null && !extensions.Contains(extension, StringComparer.OrdinalIgnoreCase)) || IsExempt(pattern, path))
                {
                    continue;
                }

                var match = pattern().Match(line);
                if (!match.Success || InStringLiteral(line, match.Index))
                {
                    continue;
                }

                // A note to remove something lives in a comment; code patterns in a comment are just prose.
                var isNote = pattern == RemoveBeforeMerge;
                if (isNote != IsInComment(line, match.Index))
                {
                    continue;
                }

                // Tests hold such text as data more often than as leftovers.
                return new LineFinding(RuleId, FindingKind.Maintainability, inTests ? confidence * 0.6 : confidence, comment);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological line is not worth a review's time.
        }

        return null;
    }

    /// <summary>True when <paramref name="index"/> follows an odd number of unescaped quotes of one kind.</summary>
    internal static bool InStringLiteral(string line, int index)
    {
        char? open = null;
        for (var i = 0; i < index && i < line.Length; i++)
        {
            var c = line[i];
            if (open is null && c is '"' or '\'' or '`')
            {
                open = c;
            }
            else if (open == c && (i == 0 || line[i - 1] != '\\'))
            {
                open = null;
            }
        }

        return open is not null;
    }

    /// <summary>True when a comment (<c>//</c>, <c>#</c>, <c>/*</c>, <c>*</c>, <c>&lt;!--</c>, <c>--</c>) starts before <paramref name="index"/>.</summary>
    internal static bool IsInComment(string line, int index)
    {
        var trimmed = line.TrimStart();
        if (trimmed.StartsWith('*') || trimmed.StartsWith("--", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var marker in (ReadOnlySpan<string>)["//", "#", "/*", "<!--"])
        {
            var at = line.IndexOf(marker, StringComparison.Ordinal);
            while (at >= 0 && at < index)
            {
                if (!InStringLiteral(line, at))
                {
                    return true;
                }

                at = line.IndexOf(marker, at + 1, StringComparison.Ordinal);
            }
        }

        return false;
    }

    /// <summary>Command-line scripts print on purpose.</summary>
    private static bool IsExempt(Func<Regex> pattern, string path) =>
        pattern == ConsoleLog && (path.StartsWith("scripts/", StringComparison.Ordinal) || path.Contains("/scripts/", StringComparison.Ordinal) ||
                                  path.StartsWith("bin/", StringComparison.Ordinal) || path.Contains("/bin/", StringComparison.Ordinal) ||
                                  path.Contains("cli", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"^\s*debugger\s*;?\s*(?://.*)?$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DebuggerStatement();

    [GeneratedRegex(@"(?:^|[^\w.])(?:(?:it|describe|test|context|suite)\.only|fit|fdescribe)\s*\(", RegexOptions.CultureInvariant, 200)]
    private static partial Regex FocusedTest();

    [GeneratedRegex(@"^\s*console\.(?:log|debug|trace|dir)\s*\(", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ConsoleLog();

    [GeneratedRegex(@"^\s*(?:import\s+i?pdb\b|from\s+i?pdb\s+import\b|.*\bi?pdb\.set_trace\s*\(|breakpoint\s*\(\s*\))", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PythonDebugger();

    [GeneratedRegex(@"^\s*print\s*\(\s*(?:f?[""'](?:debug|DEBUG|Debug|>>>|---|\*\*\*|here|HERE|XXX)|f[""'][^""']*=\}|repr\()", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PythonDebugPrint();

    [GeneratedRegex(@"\bDebugger\s*\.\s*(?:Break|Launch)\s*\(", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DebuggerBreak();

    [GeneratedRegex(@"^\s*(?:System\.Diagnostics\.)?Debug\s*\.\s*(?:WriteLine|Write|Print)(?:If)?\s*\(", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DebugWriteLine();

    [GeneratedRegex(@"^\s*(?:System\.)?Console\s*\.\s*Write(?:Line)?\s*\(\s*\$?@?""(?:debug|DEBUG|Debug|>>>|---|\*\*\*|here|HERE|XXX)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ConsoleDebug();

    [GeneratedRegex(@"^\s*(?:binding\.pry|byebug|debugger)\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RubyDebugger();

    [GeneratedRegex(@"\bdbg!\s*\(", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RustDbg();

    [GeneratedRegex(@"^\s*(?:var_dump|dd)\s*\(", RegexOptions.CultureInvariant, 200)]
    private static partial Regex PhpDump();

    [GeneratedRegex(@"(?i)(?:\b(?:TODO|FIXME|HACK|XXX)\b[:\s\-]*(?:remove|delete|revert|undo)\b|\bdo\s+not\s+(?:merge|commit)\b|\bDONOTMERGE\b|\bnocommit\b)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RemoveBeforeMerge();
}
