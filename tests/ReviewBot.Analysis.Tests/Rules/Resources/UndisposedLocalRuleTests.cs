namespace ReviewBot.Analysis.Tests.Rules.Resources;

public sealed class UndisposedLocalRuleTests
{
    [Fact]
    public async Task Analyze_StreamWriterNeverDisposed_ReportsWithUsingSuggestion()
    {
        const string code = """
            namespace Shop;

            public static class Export
            {
                public static void Write(string path, IEnumerable<string> lines)
                {
                    var writer = new StreamWriter(path);
                    foreach (var line in lines)
                    {
                        writer.WriteLine(line);
                    }
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0008", "var writer = new StreamWriter(path);");

        Assert.Equal("        using var writer = new StreamWriter(path);", finding.Suggestion);
        Assert.Equal(0.85, finding.Confidence);
    }

    [Fact]
    public async Task Analyze_DisposedReturnedPassedOrHarmless_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed class Export
            {
                private Stream? _current;

                public static void Write(string path, string text)
                {
                    using var writer = new StreamWriter(path);
                    writer.Write(text);
                    var second = new StreamWriter(path + ".bak");
                    try { second.Write(text); } finally { second.Dispose(); }
                    var buffer = new MemoryStream();
                    buffer.WriteByte(1);
                }

                public static Stream Open(string path)
                {
                    var stream = new FileStream(path, FileMode.Open);
                    return stream;
                }

                public static StreamReader Wrap(string path)
                {
                    var stream = new FileStream(path, FileMode.Open);
                    return new StreamReader(stream);
                }

                public void Keep(string path)
                {
                    var stream = new FileStream(path, FileMode.Open);
                    _current = stream;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0008"));
    }
}
