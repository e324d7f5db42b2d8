using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Tampering.Mutators;

namespace ReviewBot.Analysis.Tampering;

/// <summary>
/// Inserts known bugs into real code, CriticGPT style: lists every place each <see cref="MutationKind"/> could go,
/// takes kinds in turn (the one with the fewest places left goes next) and places in a seeded order (one tamper per method), applies the Roslyn rewrite, keeps it only
/// when it compiles with no new error, optionally adds a harmless edit in the same method, and writes the patch.
/// Then makes controls: methods with harmless edits only. The same files, options and seed give the same tampers.
/// </summary>
public static class TamperGenerator
{
    /// <summary>Most rewrites tried per site, and harmless edits tried per change.</summary>
    private const int Alternatives = 3;

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

        var run = new Run(files, compilation, options, cancellationToken);
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

    private sealed record Member(int File, SyntaxNode Node, int Index);

    private sealed record Site(Member Member, SyntaxNode Node);

    /// <summary>The state of one generation: the compilation, the options, counters.</summary>
    private sealed class Run(IReadOnlyList<SourceFile> files, TamperCompilation compilation, TamperOptions options, CancellationToken cancellationToken)
    {
        public int Rejected { get; private set; }

        public Tamper? TryTamper(Site site, IMutator mutator, string id, Random random)
        {
            var tree = compilation.Trees[site.Member.File];
            var text = tree.GetText(cancellationToken);
            var scope = new MutationScope(compilation.ModelOf(tree), text, random, cancellationToken);
            foreach (var mutation in mutator.Realize(site.Node, scope).Take(Alternatives))
            {
                var mutated = text.WithChanges(mutation.Changes);
                if (mutated.ContentEquals(text))
                {
                    continue;
                }

                var (errors, model) = compilation.Check(tree, site.Member.Node, mutated, cancellationToken);
                if (errors > 0)
                {
                    Rejected++;
                    continue;
                }

                var (final, harmless) = random.NextDouble() < options.HarmlessEditRate
                    ? AddHarmlessEdit(tree, site.Member.Node, mutated, model, mutation, random)
                    : (mutated, null);
                return Build(id, mutation, site.Member, text, mutated, final, harmless);
            }

            return null;
        }

        public Tamper? TryControl(Member member, string id, Random random)
        {
            var tree = compilation.Trees[member.File];
            var text = tree.GetText(cancellationToken);
            var model = compilation.ModelOf(tree);
            var candidates = HarmlessEdits.Candidates(member.Node, model, text, new TextSpan(0, 0), new HashSet<string>(), random, cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            // One or two edits, like the harmless part of a tamper plus the size of its one-line bug.
            var chosen = new List<HarmlessEdit> { candidates[0] };
            var second = candidates.Skip(1).FirstOrDefault(c => !Overlaps(c.Changes, candidates[0].Changes));
            if (second is not null && random.NextDouble() < 0.5)
            {
                chosen.Add(second);
            }

            var changes = chosen.SelectMany(static e => e.Changes).OrderBy(static c => c.Span.Start).ToList();
            var changed = text.WithChanges(changes);
            if (changed.ContentEquals(text) || compilation.Check(tree, member.Node, changed, cancellationToken).NewErrors > 0)
            {
                Rejected++;
                return null;
            }

            var original = text.ToString();
            var final = changed.ToString();
            var path = files[member.File].Path;
            return new Tamper
            {
                Id = id,
                Kind = null,
                Path = path,
                Member = MemberName(member.Node),
                Original = original,
                Changed = final,
                Lines = [],
                HarmlessLines = [.. PatchWriter.ChangedLines(original, final).Added],
                HarmlessEdits = [.. chosen.Select(static e => e.Description)],
                Description = "control: " + string.Join("; ", chosen.Select(static e => e.Description)),
                Patch = PatchWriter.Write(path, original, final),
            };
        }

        private (SourceText Final, HarmlessEdit? Edit) AddHarmlessEdit(SyntaxTree tree, SyntaxNode member, SourceText mutated, SemanticModel model, MutationSite mutation, Random random)
        {
            var changedMember = model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes().FirstOrDefault(n => IsMember(n) && n.SpanStart == member.SpanStart);
            if (changedMember is null)
            {
                return (mutated, null);
            }

            // Harmless edits stay off the bug's lines (and, for a deletion, off the lines on either side of it), so the
            // diff shows each line as one or the other.
            var region = Region(mutation);
            var first = mutated.Lines.GetLineFromPosition(region.Start);
            var last = mutated.Lines.GetLineFromPosition(Math.Max(region.Start, region.End - 1));
            if (region.Length == 0 && first.LineNumber > 0)
            {
                first = mutated.Lines[first.LineNumber - 1];
            }

            region = TextSpan.FromBounds(first.Start, last.End);
            var keep = tree.GetRoot(cancellationToken).DescendantTokens()
                .Where(t => t.IsKind(SyntaxKind.IdentifierToken) && mutation.Changes.Any(c => c.Span.IntersectsWith(t.Span) || c.Span.Contains(t.Span)))
                .Select(static t => t.ValueText)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var edit in HarmlessEdits.Candidates(changedMember, model, mutated, region, keep, random, cancellationToken).Take(Alternatives))
            {
                var final = mutated.WithChanges(edit.Changes);
                if (compilation.Check(tree, member, final, cancellationToken).NewErrors == 0)
                {
                    return (final, edit);
                }

                Rejected++;
            }

            return (mutated, null);
        }

        private Tamper Build(string id, MutationSite mutation, Member member, SourceText text, SourceText mutated, SourceText final, HarmlessEdit? harmless)
        {
            var original = text.ToString();
            var (added, around) = PatchWriter.ChangedLines(original, mutated.ToString());
            var isDeletion = added.Count == 0;
            var lines = isDeletion ? around : added;
            if (harmless is not null)
            {
                lines = [.. lines.Select(line => MapLine(line, mutated, final, harmless.Changes))];
            }

            var finalText = final.ToString();
            var changedLines = PatchWriter.ChangedLines(original, finalText).Added;
            changedLines.ExceptWith(lines);
            var path = files[member.File].Path;
            return new Tamper
            {
                Id = id,
                Kind = mutation.Kind,
                Path = path,
                Member = MemberName(member.Node),
                Original = original,
                Changed = finalText,
                Lines = [.. lines],
                HarmlessLines = [.. changedLines],
                HarmlessEdits = harmless is null ? [] : [harmless.Description],
                Description = mutation.Description,
                Gold = mutation.Gold,
                Patch = PatchWriter.Write(path, original, finalText),
                IsDeletion = isDeletion,
            };
        }

        /// <summary>Where line <paramref name="line"/> of <paramref name="before"/> ends up after <paramref name="changes"/>.</summary>
        private static int MapLine(int line, SourceText before, SourceText after, IReadOnlyList<TextChange> changes)
        {
            if (line < 1 || line > before.Lines.Count)
            {
                return line;
            }

            var position = before.Lines[line - 1].Start;
            foreach (var change in changes)
            {
                // Changes ending at or before the line's start (including a line inserted right above it) push it down.
                if (change.Span.End <= before.Lines[line - 1].Start)
                {
                    position += change.NewText!.Length - change.Span.Length;
                }
            }

            return after.Lines.GetLineFromPosition(Math.Min(position, after.Length)).LineNumber + 1;
        }

        /// <summary>The span the mutation's new text occupies in the mutated file.</summary>
        private static TextSpan Region(MutationSite mutation)
        {
            var start = mutation.Changes[0].Span.Start;
            var delta = mutation.Changes.Sum(static c => c.NewText!.Length - c.Span.Length);
            return TextSpan.FromBounds(start, Math.Max(start, mutation.Changes[^1].Span.End + delta));
        }

        private static bool Overlaps(IReadOnlyList<TextChange> a, IReadOnlyList<TextChange> b) =>
            a.Any(x => b.Any(y => x.Span.IntersectsWith(y.Span) || x.Span.Start == y.Span.Start || x.Span.OverlapsWith(y.Span)));
    }
}
