using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ReviewBot.Analysis.Tampering;

/// <summary>
/// Inserts known bugs into real code, CriticGPT style: lists every place each <see cref="MutationKind"/> could go,
/// takes kinds in turn (the one with the fewest places left goes next) and places in a seeded order (one tamper per method), applies the Roslyn rewrite, keeps it only
/// when it compiles with no new error, optionally adds a harmless edit in the same method, and writes the patch.
/// Then makes controls: methods with harmless edits only. The same files, options and seed give the same tampers.
/// </summary>
public static class TamperGenerator
{
    public static TamperSet Generate(IReadOnlyList<SourceFile> files, TamperOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var compilation = new TamperCompilation(files, cancellationToken);
        var kinds = options.Kinds.Count > 0 ? options.Kinds.Distinct().Order().ToList() : [.. MutationKinds.All];
        var members = new List<Member>();
        var sites = kinds.ToDictionary(static k => k, static _ => new List<Site>());
        for (var f = 0; f < files.Count; f++)
        {
            foreach (var node in compilation.Trees[f].GetRoot(cancellationToken).DescendantNodes().Where(IsMember))
            {
                var member = new Member(f, node, members.Count);
                members.Add(member);
                foreach (var inner in node.DescendantNodes())
                {
                    foreach (var kind in kinds)
                    {
                        if (MutatorCatalog.For(kind).IsCandidate(inner))
                        {
                            sites[kind].Add(new Site(member, inner));
                        }
                    }
                }
            }
        }

        var random = new Random(options.Seed);
        foreach (var kind in kinds)
        {
            random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(sites[kind]));
        }

        var run = new TamperRun(files, compilation, options, cancellationToken);
        var tampers = new List<Tamper>();
        var used = new HashSet<int>();
        var next = kinds.ToDictionary(static k => k, static _ => 0);

        // How many places each kind still has in unused methods. Each turn goes to the kind with the fewest, so that
        // common kinds do not take the only methods a scarce one could go in.
        var available = kinds.ToDictionary(k => k, k => sites[k].Count);
        var kindsOfMember = new Dictionary<int, Dictionary<MutationKind, int>>();
        foreach (var (kind, list) in sites)
        {
            foreach (var site in list)
            {
                var counts = kindsOfMember.TryGetValue(site.Member.Index, out var existing) ? existing : kindsOfMember[site.Member.Index] = [];
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
            }
        }

        var active = new List<MutationKind>(kinds);
        while (tampers.Count < options.Count && active.Count > 0)
        {
            var pending = new List<MutationKind>(active);
            while (pending.Count > 0 && tampers.Count < options.Count)
            {
                var kind = pending.OrderBy(k => available[k]).ThenBy(static k => k).First();
                pending.Remove(kind);
                Tamper? made = null;
                var list = sites[kind];
                while (made is null && next[kind] < list.Count)
                {
                    var site = list[next[kind]++];
                    if (!used.Contains(site.Member.Index))
                    {
                        var id = string.Create(CultureInfo.InvariantCulture, $"t{tampers.Count + 1:0000}-{MutationKinds.Id(kind)}");
                        made = run.TryTamper(site, MutatorCatalog.For(kind), id, new Random(Mix(options.Seed, (int)kind, next[kind])));
                        if (made is not null)
                        {
                            Use(site.Member.Index);
                        }
                    }
                }

                if (made is null)
                {
                    active.Remove(kind);
                }
                else
                {
                    tampers.Add(made);
                }
            }
        }

        var controls = new List<Tamper>();
        var order = Enumerable.Range(0, members.Count).ToArray();
        random.Shuffle(order);
        foreach (var index in order)
        {
            if (controls.Count >= options.ControlCount)
            {
                break;
            }

            if (!used.Contains(index))
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"c{controls.Count + 1:0000}-control");
                if (run.TryControl(members[index], id, new Random(Mix(options.Seed, -1, index))) is { } control)
                {
                    controls.Add(control);
                    Use(index);
                }
            }
        }

        return new TamperSet
        {
            Tampers = tampers,
            Controls = controls,
            Files = files.Count,
            Sites = sites.ToDictionary(static p => p.Key, static p => p.Value.Count),
            RejectedByCompiler = run.Rejected,
            ElapsedMs = clock.ElapsedMilliseconds,
        };

        void Use(int member)
        {
            used.Add(member);
            foreach (var (kind, count) in kindsOfMember.GetValueOrDefault(member) ?? [])
            {
                available[kind] -= count;
            }
        }
    }

    /// <summary>Members with code in them: methods, constructors, operators, accessors of properties and indexers.</summary>
    internal static bool IsMember(SyntaxNode node) => node switch
    {
        BaseMethodDeclarationSyntax m => m.Body is not null || m.ExpressionBody is not null,
        BasePropertyDeclarationSyntax p => p.AccessorList?.Accessors.Any(static a => a.Body is not null || a.ExpressionBody is not null) == true ||
                                           p is PropertyDeclarationSyntax { ExpressionBody: not null } or IndexerDeclarationSyntax { ExpressionBody: not null },
        _ => false,
    };

    internal static string MemberName(SyntaxNode member)
    {
        var type = member.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText ?? "";
        var name = member switch
        {
            MethodDeclarationSyntax m => m.Identifier.ValueText,
            ConstructorDeclarationSyntax => "ctor",
            DestructorDeclarationSyntax => "finalizer",
            OperatorDeclarationSyntax o => "operator " + o.OperatorToken.Text,
            ConversionOperatorDeclarationSyntax c => "operator " + c.Type,
            PropertyDeclarationSyntax p => p.Identifier.ValueText,
            IndexerDeclarationSyntax => "this[]",
            EventDeclarationSyntax e => e.Identifier.ValueText,
            _ => "?",
        };
        return type.Length == 0 ? name : $"{type}.{name}";
    }

    /// <summary>A stable mix of integers (HashCode is randomised per process).</summary>
    internal static int Mix(int seed, int a, int b) => unchecked((((seed * 31) + a) * 1_000_003) + b);
}
