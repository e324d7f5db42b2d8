using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ReviewBot.Analysis.Tampering.Mutators;

namespace ReviewBot.Analysis.Tampering;

/// <summary>A method (or other member with code) of the source, by file and position.</summary>
internal sealed record Member(int File, SyntaxNode Node, int Index);

/// <summary>A place one kind of bug could be inserted.</summary>
internal sealed record Site(Member Member, SyntaxNode Node);

/// <summary>
/// One generation's work on single sites: realise a mutation, check it compiles, add a harmless edit, and build the
/// <see cref="Tamper"/> (or a control) with its lines and patch.
/// </summary>
internal sealed class TamperRun(IReadOnlyList<SourceFile> files, TamperCompilation compilation, TamperOptions options, CancellationToken cancellationToken)
{
    /// <summary>Most rewrites tried per site, and harmless edits tried per change.</summary>
    private const int Alternatives = 3;

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
            Member = TamperGenerator.MemberName(member.Node),
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
        var changedMember = model.SyntaxTree.GetRoot(cancellationToken).DescendantNodes().FirstOrDefault(n => TamperGenerator.IsMember(n) && n.SpanStart == member.SpanStart);
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
            Member = TamperGenerator.MemberName(member.Node),
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
