namespace ReviewBot.Analysis.Tests.Rules.Exceptions;

public sealed class SwallowedExceptionRuleTests
{
    [Fact]
    public async Task Analyze_EmptyCatchAll_Reports()
    {
        const string code = """
            namespace Shop;

            public sealed class Exporter
            {
                public void Export(string path, string csv)
                {
                    try
                    {
                        File.WriteAllText(path, csv);
                    }
                    catch
                    {
                    }
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0003", "catch");

        Assert.Equal(0.8, finding.Confidence);
    }

    [Fact]
    public async Task Analyze_CatchExceptionReturningEmptyString_Reports()
    {
        const string code = """
            namespace Shop;

            public sealed class Catalog(HttpClient http)
            {
                public async Task<string> FetchAsync(Uri uri)
                {
                    try
                    {
                        return await http.GetStringAsync(uri);
                    }
                    catch (Exception)
                    {
                        return "";
                    }
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0003", "catch (Exception)");

        Assert.Contains("return \"\";", finding.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_LoggedRethrownFilteredSpecificCommentedOrTryMethod_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed class Catalog(HttpClient http)
            {
                public async Task<string> FetchAsync(Uri uri)
                {
                    try { return await http.GetStringAsync(uri); }
                    catch (HttpRequestException) { return ""; }
                }

                public async Task<string> FetchLoggedAsync(Uri uri)
                {
                    try { return await http.GetStringAsync(uri); }
                    catch (Exception ex) { Console.Error.WriteLine(ex); throw; }
                }

                public async Task<string> FetchFilteredAsync(Uri uri)
                {
                    try { return await http.GetStringAsync(uri); }
                    catch (Exception ex) when (ex is TaskCanceledException) { return ""; }
                }

                public void Cleanup(string path)
                {
                    try { File.Delete(path); }
                    catch (Exception)
                    {
                        // Best effort: the temp folder is purged nightly anyway.
                    }
                }

                public bool TryParse(string text, out int value)
                {
                    value = 0;
                    try { value = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture); return true; }
                    catch (Exception) { return false; }
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0003"));
    }
}
