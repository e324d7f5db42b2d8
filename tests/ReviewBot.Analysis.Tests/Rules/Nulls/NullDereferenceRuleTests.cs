namespace ReviewBot.Analysis.Tests.Rules.Nulls;

public sealed class NullDereferenceRuleTests
{
    [Fact]
    public async Task Analyze_ConditionalAccessThenPlainDereference_ReportsTheDereference()
    {
        const string code = """
            namespace Shop;

            public sealed class Customer
            {
                public string Email { get; set; } = "";
                public List<string> Orders { get; } = [];
            }

            public static class Mailer
            {
                public static int Notify(Customer customer)
                {
                    var email = customer?.Email;
                    Console.WriteLine(email);
                    return customer.Orders.Count;
                }
            }
            """;

        var finding = await RuleHarness.FindSingleAsync(code, "RB0007", "return customer.Orders.Count;");

        Assert.Contains("line 13", finding.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_AsCastDereferencedWithoutCheck_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public static class Handlers
            {
                public static string Describe(object message)
                {
                    var order = message as OrderPlaced;
                    return order.Sku;
                }
            }

            public sealed record OrderPlaced(string Sku);
            """,
            "RB0007",
            "return order.Sku;");

    [Fact]
    public async Task Analyze_FirstOrDefaultDereferenced_Reports() =>
        await RuleHarness.FindSingleAsync(
            """
            namespace Shop;

            public sealed record Product(string Sku, string Name);

            public static class Catalog
            {
                public static string NameOf(List<Product> products, string sku) => products.FirstOrDefault(p => p.Sku == sku).Name;
            }
            """,
            "RB0007",
            "products.FirstOrDefault(p => p.Sku == sku).Name");

    [Fact]
    public async Task Analyze_CheckedOrGuardedOrValueTypes_ReportsNothing()
    {
        const string code = """
            namespace Shop;

            public sealed class Customer
            {
                public string Email { get; set; } = "";
            }

            public sealed record OrderPlaced(string Sku);

            public static class Mailer
            {
                public static int Notify(Customer customer, object message, int? count, List<int> numbers)
                {
                    var email = customer?.Email;
                    if (customer is null)
                    {
                        return 0;
                    }

                    var length = customer.Email.Length;
                    var order = message as OrderPlaced;
                    if (order == null)
                    {
                        return length;
                    }

                    var sku = order.Sku;
                    if (count?.ToString() is { } text && customer.Email.Length > 0)
                    {
                        length += text.Length;
                    }

                    var first = numbers.FirstOrDefault().ToString();
                    return length + sku.Length + (email?.Length ?? 0) + first.Length;
                }
            }
            """;

        Assert.Empty(await RuleHarness.FindAsync(code, "RB0007"));
    }
}
