namespace ReviewBot.Analysis.Tests.Rules.Resources;

public sealed class HttpClientPerCallRuleTests
{
    [Fact]
    public async Task Analyze_NewHttpClientInMethod_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public sealed class RatesClient
            {
                public async Task<string> GetRatesAsync()
                {
                    using var client = new HttpClient();
                    return await client.GetStringAsync(new Uri("https://rates.example.com"));
                }
            }
            """,
            "RB0012",
            "using var client = new HttpClient();");

    [Fact]
    public async Task Analyze_ClientInFieldConstructorOrFactory_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed class RatesClient
            {
                private static readonly HttpClient Shared = new();
                private readonly HttpClient _client;

                public RatesClient()
                {
                    _client = new HttpClient();
                }

                public Func<HttpClient> Factory() => () => new HttpClient();

                public Task<string> GetRatesAsync() => Shared.GetStringAsync(new Uri("https://rates.example.com"));
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0012"));
    }
}
