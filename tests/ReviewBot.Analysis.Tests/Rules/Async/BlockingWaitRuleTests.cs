namespace ReviewBot.Analysis.Tests.Rules.Async;

public sealed class BlockingWaitRuleTests
{
    [Fact]
    public async Task Analyze_ResultAndSleepInAsyncMethod_ReportsBoth()
    {
        const string code = """
            namespace Shop;

            public sealed class Rates(HttpClient http)
            {
                public async Task<decimal> GetAsync(string currency)
                {
                    await Task.Yield();
                    var body = http.GetStringAsync(new Uri("https://rates.example.com/" + currency)).Result;
                    Thread.Sleep(100);
                    return decimal.Parse(body, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            """;

        var found = await RuleHarness.FindAsync(code, "RB0017");

        Assert.Equal(2, found.Count);
        Assert.Contains(found, f => f.Quote.Contains(".Result;", StringComparison.Ordinal) && f.Comment.Contains("`await`", StringComparison.Ordinal));
        Assert.Contains(found, f => f.Quote.Contains("Thread.Sleep(100);", StringComparison.Ordinal) && f.Comment.Contains("Task.Delay", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Analyze_SyncMethodsAwaitedTasksAndOtherResults_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed record Outcome(bool Result);

            public sealed class Rates(HttpClient http)
            {
                public string Get(string currency) => http.GetStringAsync(new Uri("https://rates.example.com/" + currency)).Result;

                public async Task<bool> CheckAsync(Outcome outcome)
                {
                    var body = await http.GetStringAsync(new Uri("https://rates.example.com"));
                    var done = Task.FromResult(body.Length);
                    await done;
                    return outcome.Result && done.IsCompleted;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0017"));
    }
}
