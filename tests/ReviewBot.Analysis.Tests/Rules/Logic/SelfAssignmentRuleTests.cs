namespace ReviewBot.Analysis.Tests.Rules.Logic;

public sealed class SelfAssignmentRuleTests
{
    [Fact]
    public async Task Analyze_FieldAssignedToItself_Reports()
    {
        const string code = """
            namespace Shop;

            public sealed class Stock
            {
                private int _reserved;

                public void Reserve(int quantity)
                {
                    _reserved = _reserved;
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0004", "_reserved = _reserved;");

        Assert.Contains("`_reserved`", finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_ParameterShadowingPropertyAssignedToItself_Reports()
    {
        const string code = """
            namespace Shop;

            public sealed class Customer
            {
                public Customer(string Name)
                {
                    Name = Name;
                }

                public string Name { get; } = "";
            }
            """;

        await RuleHarness.FindSingleAsync(code, "RB0004", "Name = Name;");
    }

    [Fact]
    public async Task Analyze_FieldFromParameterAndObjectInitializer_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed class Customer
            {
                private readonly string name;

                public Customer(string name)
                {
                    this.name = name;
                }

                public string Name { get; init; } = "";

                public Customer Copy() => new Customer(name) { Name = Name };
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0004"));
    }
}
