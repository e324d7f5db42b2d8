namespace ReviewBot.Analysis.Tests.Rules.Async;

public sealed class DroppedAwaitRuleTests
{
    [Fact]
    public async Task Analyze_TaskCallAsStatementInAsyncMethod_ReportsWithAwaitSuggestion()
    {
        const string code = """
            namespace Shop;

            public sealed class OrderService(HttpClient http)
            {
                public async Task<bool> PlaceAsync(string sku)
                {
                    await http.GetStringAsync(new Uri("https://stock.example.com/" + sku));
                    SendConfirmationAsync(sku);
                    return true;
                }

                private Task SendConfirmationAsync(string sku) => http.PostAsync(new Uri("https://mail.example.com"), new StringContent(sku));
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0001", "SendConfirmationAsync(sku);");

        Assert.Equal("        await SendConfirmationAsync(sku);", finding.Suggestion);
        Assert.Contains("`PlaceAsync`", finding.Comment, StringComparison.Ordinal);
        Assert.Equal(0.9, finding.Confidence);
    }

    [Fact]
    public async Task Analyze_UnresolvedAsyncCallInAsyncMethod_ReportsWithLowerConfidence()
    {
        const string code = """
            namespace Shop;

            public sealed class OrderService(IOrderRepository orders)
            {
                public async Task CancelAsync(int id)
                {
                    await Task.Yield();
                    orders.DeleteAsync(id);
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0001", "orders.DeleteAsync(id);");

        Assert.True(finding.Confidence < 0.9);
    }

    [Fact]
    public async Task Analyze_AwaitedDiscardedOrReturnedTasks_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed class OrderService(HttpClient http)
            {
                public async Task PlaceAsync(string sku)
                {
                    await SendAsync(sku);
                    _ = SendAsync(sku);
                    var pending = SendAsync(sku);
                    await pending;
                }

                public Task ForwardAsync(string sku) => SendAsync(sku);

                public void Refresh(string sku)
                {
                    // A synchronous void method: fire-and-forget is as likely deliberate.
                    SendAsync(sku);
                }

                private Task SendAsync(string sku) => http.PostAsync(new Uri("https://mail.example.com"), new StringContent(sku));
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0001"));
    }

    [Fact]
    public async Task Analyze_TaskDroppedInTaskReturningSyncMethod_Reports()
    {
        const string code = """
            namespace Shop;

            public sealed class OrderService(HttpClient http)
            {
                public Task SaveAsync(string sku)
                {
                    http.PostAsync(new Uri("https://orders.example.com"), new StringContent(sku));
                    return Task.CompletedTask;
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0001", "http.PostAsync(");

        Assert.Null(finding.Suggestion);
    }
}
