using ReviewBot.Analysis.Text;

namespace ReviewBot.Analysis.Tests.Text;

public sealed class DebugLeftoversTests
{
    [Theory]
    [InlineData("src/cart.ts", "    console.log(cart);")]
    [InlineData("src/cart.js", "  debugger;")]
    [InlineData("src/cart.spec.ts", "  it.only('adds an item', () => {")]
    [InlineData("app/orders.py", "    import pdb; pdb.set_trace()")]
    [InlineData("app/orders.py", "    breakpoint()")]
    [InlineData("app/orders.py", "    print(f\"{order=}\")")]
    [InlineData("src/Shop/Cart.cs", "        Debugger.Break();")]
    [InlineData("src/Shop/Cart.cs", "        System.Diagnostics.Debug.WriteLine(total);")]
    [InlineData("src/Shop/Cart.cs", "        // TODO: remove before release")]
    [InlineData("lib/cart.rb", "    binding.pry")]
    [InlineData("config/app.yml", "# DO NOT MERGE: points at staging")]
    public void Check_DebugLeftover_Reports(string path, string line)
    {
        var finding = DebugLeftovers.Check(line, path);

        Assert.NotNull(finding);
        Assert.Equal("RB1003", finding.RuleId);
    }

    [Fact]
    public void Check_LeftoverInTestCode_HasLowerConfidence()
    {
        var production = DebugLeftovers.Check("  debugger;", "src/cart.js")!;
        var test = DebugLeftovers.Check("  debugger;", "test/cart.test.js")!;

        Assert.True(test.Confidence < production.Confidence);
    }

    [Theory]
    [InlineData("src/Shop/Cart.cs", "        console.log(cart);")]
    [InlineData("scripts/release.js", "console.log('Released', version);")]
    [InlineData("app/report.py", "    print(format_report(rows))")]
    [InlineData("src/cart.ts", "    logger.debug('cart', cart);")]
    [InlineData("src/Shop/Cart.cs", "        Console.WriteLine(\"Total: \" + total);")]
    [InlineData("src/Shop/Cart.cs", "        // TODO: support coupons")]
    [InlineData("src/Shop/Cart.cs", "        var hint = \"call Debugger.Break() to stop here\";")]
    [InlineData("src/Shop/Cart.cs", "    /// <summary>Never leave <c>Debugger.Break()</c> in.</summary>")]
    [InlineData("src/Shop/Cart.cs", "        var note = \"TODO: remove\";")]
    [InlineData("app/orders.py", "    # breakpoint()")]
    public void Check_OrdinaryCode_ReportsNothing(string path, string line) =>
        Assert.Null(DebugLeftovers.Check(line, path));
}
