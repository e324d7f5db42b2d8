namespace ReviewBot.Analysis.Tests.Rules.Async;

public sealed class AsyncVoidRuleTests
{
    [Fact]
    public async Task Analyze_AsyncVoidMethod_ReportsAndSuggestsTask()
    {
        const string code = """
            namespace Shop;

            public sealed class CartService
            {
                public async void RefreshPrices(int cartId)
                {
                    await Task.Delay(10);
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0002", "public async void RefreshPrices(int cartId)");

        Assert.Equal("    public async Task RefreshPrices(int cartId)", finding.Suggestion);
    }

    [Fact]
    public async Task Analyze_EventHandlerOverrideAndTaskReturning_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public abstract class Page
            {
                protected abstract void OnAppearing();
            }

            public sealed class CartPage : Page
            {
                private async void OnSaveClicked(object sender, EventArgs e) => await Task.Delay(1);

                protected override async void OnAppearing() => await Task.Delay(1);

                public async Task LoadAsync() => await Task.Delay(1);
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0002"));
    }
}
