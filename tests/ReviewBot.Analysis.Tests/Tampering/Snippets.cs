using ReviewBot.Analysis.Tampering;

namespace ReviewBot.Analysis.Tests.Tampering;

/// <summary>Small C# files for the tamper generator: one with a site of each kind, and a few ordinary classes.</summary>
internal static class Snippets
{
    /// <summary>For each kind: a class with (mostly) one site of that kind, and a text the tampered file must contain.</summary>
    public static readonly IReadOnlyDictionary<MutationKind, (string Code, string Expected)> ByKind = new Dictionary<MutationKind, (string, string)>
    {
        [MutationKind.BoundaryFlip] = ("static int CountBelow(int[] a, int t) { var n = 0; foreach (var x in a) { if (x < t) { n++; } } return n; }", "x <= t"),
        [MutationKind.EqualityFlip] = ("static bool IsZero(int x) => x == 0;", "x != 0"),
        [MutationKind.NegatedCondition] = ("static int Abs(int x) { if (x < 0) { return -x; } return x; }", "if (!(x < 0))"),
        [MutationKind.LogicalOperator] = ("static bool Both(bool a, bool b) => a && b;", "a || b"),
        [MutationKind.SwappedArguments] = ("static double Ratio(double a, double b) => a / b;\n    static double Use(double x, double y) => Ratio(x, y);", "Ratio(y, x)"),
        [MutationKind.DroppedAwait] = ("static async Task Run() { await Task.Delay(1); }", "{ Task.Delay(1); }"),
        [MutationKind.RemovedNullCheck] = ("static int Len(string s)\n    {\n        ArgumentNullException.ThrowIfNull(s);\n        return s.Length;\n    }", "static int Len(string s)\n    {\n        return s.Length;"),
        [MutationKind.RemovedBoundsCheck] = ("static int At(int[] a, int i)\n    {\n        if (i >= a.Length) { return -1; }\n        return a[i];\n    }", "static int At(int[] a, int i)\n    {\n        return a[i];"),
        [MutationKind.WrongVariableReturned] = ("static int Larger(int a, int b) { var m = a; if (b > a) { m = b; } return m; }", "return a;"),
        [MutationKind.OffByOne] = ("static string Head(string s, int n) => s.Substring(0, n);", "s.Substring(0, n - 1)"),
        [MutationKind.RemovedDispose] = ("static int First(string p) { using var r = new StreamReader(p); return r.Read(); }", "{ var r = new StreamReader(p);"),
        [MutationKind.SwallowedException] = ("static int Parse(string s) { try { return int.Parse(s); } catch (FormatException) { throw new InvalidOperationException(\"bad\"); } }", "catch (FormatException) { return default; }"),
        [MutationKind.PlusMinus] = ("static int Next(int x) => x + 1;", "x - 1"),
        [MutationKind.RemovedBreak] = ("static int Find(int[] a, int t)\n    {\n        var at = -1;\n        foreach (var x in a)\n        {\n            if (x == t)\n            {\n                at = x;\n                break;\n            }\n        }\n\n        return at;\n    }", "                at = x;\n            }"),
        [MutationKind.CultureComparison] = ("static bool IsHidden(string name) => name.StartsWith(\".\", StringComparison.Ordinal);", "name.StartsWith(\".\")"),
        [MutationKind.SelfAssignment] = ("static int _value;\n    static void Set(int v) { _value = v; }", "_value = _value;"),
        [MutationKind.IdenticalOperands] = ("static int Gap(int a, int b) => a - b;", "a - a"),
    };

    public static SourceFile File(string body, string name = "Snippet.cs") =>
        new(name, $"using System;\nusing System.IO;\nusing System.Threading.Tasks;\n\nnamespace Sample;\n\ninternal static class Snippet\n{{\n    {body}\n}}\n");

    /// <summary>A small project of ordinary code: every kind has sites, and the files reference each other.</summary>
    public static IReadOnlyList<SourceFile> Project() =>
    [
        File(string.Join("\n\n    ", ByKind.Values.Select(static v => v.Code)), "Snippet.cs"),
        new("Inventory.cs", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Sample;

            public sealed class Inventory(IClock clock)
            {
                private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);
                private int _reserved;

                public int Reserve(string sku, int quantity)
                {
                    ArgumentNullException.ThrowIfNull(sku);
                    if (quantity <= 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(quantity));
                    }

                    var available = _stock.TryGetValue(sku, out var count) ? count : 0;
                    var taken = Math.Min(quantity, available);
                    _stock[sku] = available - taken;
                    _reserved += taken;
                    return taken;
                }

                public int Total(int[] levels)
                {
                    var total = 0;
                    for (var i = 0; i < levels.Length; i++)
                    {
                        if (levels[i] > 0 && levels[i] != int.MaxValue)
                        {
                            total += levels[i];
                        }
                    }

                    return total;
                }

                public async Task<DateTimeOffset> StampAsync(CancellationToken cancellationToken)
                {
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                    var now = clock.Now;
                    var later = now.AddMinutes(_reserved);
                    return later > now ? later : now;
                }

                public string Describe(string? label)
                {
                    var text = label?.Trim() ?? "none";
                    if (text.EndsWith("!", StringComparison.Ordinal))
                    {
                        return text.Substring(0, text.Length - 1);
                    }

                    return text;
                }
            }
            """),
        new("Report.cs", """
            using System.Collections.Generic;
            using System.Text;

            namespace Sample;

            public static class Report
            {
                public static string Table(IReadOnlyList<string> names, IReadOnlyList<int> counts)
                {
                    var text = new StringBuilder();
                    var rows = 0;
                    foreach (var name in names)
                    {
                        text.Append(name).Append(": ").Append(counts[rows]).AppendLine();
                        rows++;
                    }

                    return text.ToString();
                }

                public static string Initials(IEnumerable<string> words)
                {
                    var text = new StringBuilder();
                    foreach (var word in words)
                    {
                        var first = word.TrimStart();
                        text.Append(first.Length == 0 ? '-' : first[0]);
                    }

                    return text.ToString();
                }

                public static string Joined(IReadOnlyList<string> parts, string separator)
                {
                    var text = new StringBuilder();
                    var first = true;
                    foreach (var part in parts)
                    {
                        text.Append(first ? "" : separator).Append(part);
                        first = false;
                    }

                    return text.ToString();
                }

                public static int Words(string sentence)
                {
                    var parts = sentence.Split(' ');
                    var count = parts.Length;
                    return count;
                }

                public static int Longest(IEnumerable<string> lines)
                {
                    var best = 0;
                    foreach (var line in lines)
                    {
                        var length = line.TrimEnd().Length;
                        best = length > best ? length : best;
                    }

                    return best;
                }
            }
            """),
        new("Clock.cs", """
            using System;

            namespace Sample;

            public interface IClock
            {
                DateTimeOffset Now { get; }
            }

            public sealed class FixedClock(DateTimeOffset now) : IClock
            {
                public DateTimeOffset Now => now;

                public static FixedClock At(int year, int month, int day) => new(new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero));
            }
            """),
    ];
}
