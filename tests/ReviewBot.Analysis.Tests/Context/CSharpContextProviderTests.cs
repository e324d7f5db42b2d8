using ReviewBot.Analysis.Context;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Analysis.Tests.Context;

public sealed class CSharpContextProviderTests
{
    private const string Path = "src/Inventory/StockService.cs";

    private const string Before = """
        using System;

        namespace Inventory;

        public sealed class StockService
        {
            private readonly Dictionary<string, int> _stock = new();

            public StockService(int capacity)
            {
                Capacity = capacity;
            }

            public int Capacity { get; }

            public int Available(string sku) => _stock.TryGetValue(sku, out var count) ? count : 0;

            public async Task<bool> ReserveAsync(string sku, int quantity)
            {
                await Task.Yield();
                var available = Available(sku);
                return available >= quantity;
            }

            public sealed class Snapshot
            {
                public int Count(IReadOnlyList<int> levels) => levels.Count;
            }
        }
        """;

    [Fact]
    public async Task GetSnippetsAsync_ChangeInsideMethods_LabelsTheEnclosingMembers()
    {
        var after = Before
            .Replace("        return available >= quantity;", "        return available >= quantity && quantity <= Capacity;", StringComparison.Ordinal)
            .Replace("public int Count(IReadOnlyList<int> levels) => levels.Count;", "public int Count(IReadOnlyList<int> levels) => levels.Count(l => l > 0);", StringComparison.Ordinal);

        var snippets = await GetAsync(TestChanges.Modified(Path, Before, after), 10_000);

        var reserve = Assert.Single(snippets, s => s.Label == "method StockService.ReserveAsync(string, int)");
        Assert.Equal(18, reserve.StartLine);
        Assert.Equal(23, reserve.EndLine);
        Assert.StartsWith("    public async Task<bool> ReserveAsync(string sku, int quantity)", reserve.Text, StringComparison.Ordinal);
        Assert.EndsWith("    }", reserve.Text, StringComparison.Ordinal);
        Assert.Contains(snippets, s => s.Label == "method StockService.Snapshot.Count(IReadOnlyList<int>)");
        Assert.Equal(snippets.Count, snippets.Select(s => (s.Path, s.StartLine)).Distinct().Count());
        Assert.Equal([.. snippets.OrderBy(s => s.StartLine)], snippets);
    }

    [Fact]
    public async Task GetSnippetsAsync_ConstructorPropertyAndField_LabelsConstructorAndTypeHeader()
    {
        var after = Before
            .Replace("        Capacity = capacity;", "        Capacity = Math.Max(1, capacity);", StringComparison.Ordinal)
            .Replace("    private readonly Dictionary<string, int> _stock = new();", "    private readonly Dictionary<string, int> _stock = new(StringComparer.Ordinal);", StringComparison.Ordinal);

        var snippets = await GetAsync(TestChanges.Modified(Path, Before, after), 10_000);

        Assert.Contains(snippets, s => s.Label == "constructor StockService(int)" && s.Text.Contains("Math.Max(1, capacity)", StringComparison.Ordinal));
        var header = Assert.Single(snippets, s => s.Label == "class StockService");
        Assert.Equal("public sealed class StockService\n{", header.Text);
        Assert.Contains(snippets, s => s.Label == "property StockService.Capacity");
    }

    [Fact]
    public async Task GetSnippetsAsync_SmallBudget_PrefersMembersWithAddedLinesAndNeverCuts()
    {
        var after = Before.Replace("        return available >= quantity;", "        return available >= quantity && quantity > 0;", StringComparison.Ordinal);
        var all = await GetAsync(TestChanges.Modified(Path, Before, after), 10_000);
        var reserve = Assert.Single(all, s => s.Label.StartsWith("method StockService.ReserveAsync", StringComparison.Ordinal));

        var bounded = await GetAsync(TestChanges.Modified(Path, Before, after), reserve.Text.Length + 5);

        Assert.Equal([reserve], bounded);
        var tooSmall = await GetAsync(TestChanges.Modified(Path, Before, after), reserve.Text.Length - 1);
        Assert.DoesNotContain(tooSmall, s => s.Label == reserve.Label);
        Assert.All(tooSmall, s => Assert.True(s.Text.Length < reserve.Text.Length));
        Assert.True(all.Count > 1);
    }

    [Fact]
    public async Task GetSnippetsAsync_BarePatchMemberCutByHunk_LeavesItOut()
    {
        var after = Before.Replace("        await Task.Yield();", "        await Task.Delay(1);", StringComparison.Ordinal);

        // One context line: the hunk shows only part of ReserveAsync, so no exact member text can be given.
        var snippets = await GetAsync(TestChanges.Modified(Path, Before, after, withFiles: false, context: 1), 10_000);

        Assert.Empty(snippets);
    }

    [Fact]
    public async Task GetSnippetsAsync_NonCSharpAndZeroBudget_ReturnsNothing()
    {
        Assert.Empty(await GetAsync(TestChanges.Added("README.md", "# Stock\n"), 10_000));
        Assert.Empty(await GetAsync(TestChanges.Added(Path, Before), 0));
    }

    private static Task<IReadOnlyList<Core.Critiques.CodeContextSnippet>> GetAsync(ChangeContext context, int maxCharacters) =>
        new CSharpContextProvider(TestChanges.Compiler()).GetSnippetsAsync(context, maxCharacters, CancellationToken.None);
}
