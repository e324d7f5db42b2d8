using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Analysis.Tampering;
using ReviewBot.Core.Diffs;

namespace ReviewBot.Analysis.Tests.Tampering;

public sealed class TamperGeneratorTests
{
    private static readonly Lazy<TamperSet> Generated = new(() =>
        TamperGenerator.Generate(Snippets.Project(), new TamperOptions { Count = 20, Controls = 3, Seed = 7 }, CancellationToken.None));

    [Fact]
    public void Generate_Project_EveryTamperCompilesWithNoNewErrors()
    {
        var set = Generated.Value;
        var files = Snippets.Project();

        Assert.True(set.Tampers.Count >= 17, $"only {set.Tampers.Count} tampers");
        foreach (var tamper in set.All)
        {
            var before = Errors(files, tamper.Path, null);
            var after = Errors(files, tamper.Path, tamper.Changed);
            Assert.True(after.Count <= before.Count && after.All(before.Contains), $"{tamper.Id} adds errors: {string.Join("; ", after.Except(before))}");
        }
    }

    [Fact]
    public void Generate_Project_TampersDifferOnlyInRecordedLines()
    {
        foreach (var tamper in Generated.Value.Tampers)
        {
            Assert.False(string.IsNullOrWhiteSpace(tamper.Description), tamper.Id);
            Assert.NotEmpty(tamper.Lines);
            Assert.Empty(tamper.Lines.Intersect(tamper.HarmlessLines));
            var (added, around) = PatchWriter.ChangedLines(tamper.Original, tamper.Changed);
            Assert.Subset(tamper.Lines.Concat(tamper.HarmlessLines).ToHashSet(), added);
            if (tamper.IsDeletion)
            {
                Assert.True(around.IsSubsetOf(tamper.Lines), $"{tamper.Id}: [{string.Join(",", tamper.Lines)}] vs [{string.Join(",", around)}]\n{tamper.Patch}");
            }
            else
            {
                // The bug's lines really changed: each is an added line of the diff.
                Assert.Subset(added, tamper.Lines.ToHashSet());
            }

            Assert.True(tamper.HarmlessEdits.Count == 0 == (tamper.HarmlessLines.Count == 0), $"{tamper.Id}: {string.Join(";", tamper.HarmlessEdits)} [{string.Join(",", tamper.Lines)}]\n{tamper.Patch}");
        }
    }

    [Fact]
    public void Generate_Project_PatchesParseAndShowTheChangedFile()
    {
        foreach (var tamper in Generated.Value.All)
        {
            var parsed = UnifiedDiffParser.Parse(tamper.Patch);
            Assert.True(parsed.IsSuccess, $"{tamper.Id}: {parsed.Error}");
            var file = Assert.Single(parsed.Diff!.Files);
            Assert.Equal(tamper.Path, file.Path);
            var changed = tamper.Changed.Split('\n');
            foreach (var line in file.NewSideLines)
            {
                Assert.Equal(changed[line.NewLine - 1], line.Text);
            }

            Assert.All(tamper.Lines, l => Assert.True(file.IsCommentable(l), $"{tamper.Id}: line {l} is not in a hunk"));
        }
    }

    [Fact]
    public void Generate_Project_ControlsCarryOnlyHarmlessEdits()
    {
        var controls = Generated.Value.Controls;

        Assert.Equal(3, controls.Count);
        Assert.All(controls, c =>
        {
            Assert.True(c.IsControl);
            Assert.Empty(c.Lines);
            Assert.NotEmpty(c.HarmlessEdits);
            Assert.NotEqual(c.Original, c.Changed);
        });
        Assert.Empty(controls.Select(static c => (c.Path, c.Member)).Intersect(Generated.Value.Tampers.Select(static t => (t.Path, t.Member))));
    }

    [Fact]
    public void Generate_SameSeed_SameTampers()
    {
        var again = TamperGenerator.Generate(Snippets.Project(), new TamperOptions { Count = 20, Controls = 3, Seed = 7 }, CancellationToken.None);
        var other = TamperGenerator.Generate(Snippets.Project(), new TamperOptions { Count = 20, Controls = 3, Seed = 8 }, CancellationToken.None);

        Assert.Equal(Generated.Value.All.Select(static t => t.Patch), again.All.Select(static t => t.Patch));
        Assert.Equal(Generated.Value.All.Select(static t => t.Description), again.All.Select(static t => t.Description));
        Assert.NotEqual(Generated.Value.All.Select(static t => t.Patch), other.All.Select(static t => t.Patch));
    }

    [Fact]
    public void Generate_EveryKindRequested_InsertsEachKind()
    {
        var kinds = Generated.Value.Tampers.Select(static t => t.Kind!.Value).ToHashSet();

        Assert.True(kinds.SetEquals(MutationKinds.All), "missing: " + string.Join(", ", MutationKinds.All.Except(kinds)) + "\n" + string.Join("\n", Generated.Value.All.Select(static t => $"{t.Id} {t.Member}")));
    }

    public static TheoryData<MutationKind> Kinds() => [.. MutationKinds.All];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Generate_OneKind_RewritesTheSnippetAsExpected(MutationKind kind)
    {
        var (code, expected) = Snippets.ByKind[kind];
        var file = Snippets.File(code);

        var set = TamperGenerator.Generate([file], new TamperOptions { Count = 1, Controls = 0, Kinds = [kind], HarmlessEditRate = 0 }, CancellationToken.None);

        var tamper = Assert.Single(set.Tampers);
        Assert.Equal(kind, tamper.Kind);
        Assert.Contains(expected, tamper.Changed, StringComparison.Ordinal);
        Assert.DoesNotContain(expected, file.Text, StringComparison.Ordinal);
        Assert.Contains(MutationKinds.Id(kind), tamper.Id, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(tamper.Gold));
        Assert.DoesNotContain('\n', tamper.Description);
    }

    [Fact]
    public void Generate_NothingToInsert_ReturnsNoTampers()
    {
        var set = TamperGenerator.Generate([Snippets.File("static int Zero() => 0;")], new TamperOptions { Count = 5, Controls = 0, Kinds = [MutationKind.RemovedBreak] }, CancellationToken.None);

        Assert.Empty(set.Tampers);
        Assert.Equal(0, set.Sites[MutationKind.RemovedBreak]);
    }

    /// <summary>Errors of the project compiled on its own, with <paramref name="path"/> replaced by <paramref name="text"/>.</summary>
    private static List<string> Errors(IReadOnlyList<SourceFile> files, string path, string? text)
    {
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Path == path && text is not null ? text : f.Text, ChangeCompiler.ParseOptions, f.Path)).ToList();
        var compilation = CSharpCompilation.Create("Check", trees, FrameworkReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => d.Id)];
    }
}
