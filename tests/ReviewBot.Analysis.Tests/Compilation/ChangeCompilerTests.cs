using Microsoft.CodeAnalysis;
using ReviewBot.Analysis.Changes;
using ReviewBot.Analysis.Compilation;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Tests.Compilation;

public sealed class ChangeCompilerTests
{
    private const string Path = "src/Shop/Cart.cs";

    private const string Before = """
        namespace Shop;

        public sealed class Cart
        {
            private readonly List<decimal> _prices = [];

            public void Add(decimal price) => _prices.Add(price);

            public decimal Total() => _prices.Sum();
        }
        """;

    private static readonly string After = Before.Replace("_prices.Sum()", "_prices.Sum() * 1.2m", StringComparison.Ordinal);

    [Fact]
    public async Task CompileAsync_AddedFile_IsCompleteWithoutBase()
    {
        var change = await TestChanges.Compiler().CompileAsync(TestChanges.Added(Path, Before), CancellationToken.None);

        var file = Assert.Single(change.Files);
        Assert.True(file.Head.IsComplete);
        Assert.Null(file.Base);
        Assert.Null(change.Base);
        Assert.DoesNotContain(change.Head.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public async Task CompileAsync_ModifiedWithWholeFiles_CompilesHeadAndBase()
    {
        var change = await TestChanges.Compiler().CompileAsync(TestChanges.Modified(Path, Before, After), CancellationToken.None);

        var file = Assert.Single(change.Files);
        Assert.True(file.Head.IsComplete);
        Assert.True(file.Base!.IsComplete);
        Assert.NotNull(change.Base);
        Assert.Same(file, change.FileOf(file.BaseTree));
    }

    [Fact]
    public async Task CompileAsync_BarePatch_RebuildsFromHunksAsPartial()
    {
        var change = await TestChanges.Compiler().CompileAsync(TestChanges.Modified(Path, Before, After, withFiles: false, context: 1), CancellationToken.None);

        var file = Assert.Single(change.Files);
        Assert.False(file.Head.IsComplete);
        Assert.Equal("    public decimal Total() => _prices.Sum() * 1.2m;", file.Head.LineText(file.Head.IndexOfFileLine(9)));
    }

    [Fact]
    public async Task CompileAsync_WholeFileDisagreesWithDiff_FallsBackToTheDiff()
    {
        var stale = new MemoryFileSource(new() { [Path] = Before.Replace("Cart", "Basket", StringComparison.Ordinal) }, new() { [Path] = Before });
        var context = TestChanges.Modified(Path, Before, After) with { Files = stale };

        var change = await TestChanges.Compiler().CompileAsync(context, CancellationToken.None);

        Assert.False(Assert.Single(change.Files).Head.IsComplete);
    }

    [Fact]
    public async Task CompileAsync_SkippedFiles_AreRecordedWithoutError()
    {
        var patch = TestChanges.UnifiedDiff("src/Shop/Cart.g.cs", null, "class G { }\n", 3) +
                    TestChanges.UnifiedDiff("src/Shop/Old.cs", "class Old { }\n", null, 3) +
                    TestChanges.UnifiedDiff("docs/readme.md", null, "# Shop\n", 3);
        var context = new ChangeContext { Diff = TestChanges.Parse(patch) };

        var change = await TestChanges.Compiler().CompileAsync(context, CancellationToken.None);

        Assert.Empty(change.Files);
        Assert.Contains(change.Skipped, s => s is { Path: "src/Shop/Cart.g.cs", Reason: SkipReason.Generated });
        Assert.Contains(change.Skipped, s => s is { Path: "src/Shop/Old.cs", Reason: SkipReason.Deleted });
    }

    [Fact]
    public async Task CompileAsync_HugeWholeFile_IsSkippedAsTooLarge()
    {
        var huge = After + new string('/', 4096);
        var context = TestChanges.Modified(Path, Before, After) with { Files = new MemoryFileSource(new() { [Path] = huge }, new() { [Path] = Before }) };

        var change = await TestChanges.Compiler(new AnalysisOptions { MaxFileBytes = 2048 }).CompileAsync(context, CancellationToken.None);

        Assert.Contains(change.Skipped, s => s.Reason == SkipReason.TooLarge);
    }

    [Fact]
    public async Task CompileAsync_SameContextTwice_CompilesOnce()
    {
        var compiler = TestChanges.Compiler();
        var context = TestChanges.Added(Path, Before);

        Assert.Same(await compiler.CompileAsync(context, CancellationToken.None), await compiler.CompileAsync(context, CancellationToken.None));
    }

    [Fact]
    public async Task CompileAsync_NullableAnnotationsInCode_EnablesNullableAnalysis()
    {
        var plain = await TestChanges.Compiler().CompileAsync(TestChanges.Added(Path, Before), CancellationToken.None);
        var annotated = await TestChanges.Compiler().CompileAsync(TestChanges.Added(Path, Before.Replace("public void Add(decimal price)", "public void Add(decimal price, string? note)", StringComparison.Ordinal)), CancellationToken.None);

        Assert.Equal(Microsoft.CodeAnalysis.NullableContextOptions.Disable, plain.Head.Options.NullableContextOptions);
        Assert.Equal(Microsoft.CodeAnalysis.NullableContextOptions.Enable, annotated.Head.Options.NullableContextOptions);
    }

    [Fact]
    public void FrameworkReferences_RunningRuntime_ProvidesTheCoreLibrary()
    {
        var paths = FrameworkReferences.FindAssemblies();

        Assert.Contains(paths, p => System.IO.Path.GetFileName(p) == "System.Runtime.dll");
        Assert.Contains(paths, p => System.IO.Path.GetFileName(p) == "System.Private.CoreLib.dll");
        Assert.DoesNotContain(paths, p => System.IO.Path.GetFileName(p).StartsWith("ReviewBot", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => System.IO.Path.GetFileName(p).StartsWith("xunit", StringComparison.Ordinal));
        Assert.Same(FrameworkReferences.All[0], FrameworkReferences.All[0]);
    }
}
