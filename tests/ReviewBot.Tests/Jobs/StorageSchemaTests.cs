using System.Net;
using Npgsql;
using ReviewBot.Data;
using ReviewBot.Testing;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs;

/// <summary>
/// <c>Storage:Schema</c> on PostgreSQL: ReviewBot's tables and Quartz's both live in the configured schema, so two
/// installations can share one database without seeing each other's deliveries or jobs.
/// </summary>
public sealed class StorageSchemaTests
{
    [Fact]
    public async Task Schema_TwoInstallationsOnOneDatabase_KeepDeliveriesAndJobsApart()
    {
        await using var db = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        await using var first = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?> { ["Storage:Schema"] = "team_a" });
        await using var second = new ReviewBotAppFactory(db, ServeRole.Web, new Dictionary<string, string?> { ["Storage:Schema"] = "team_b" });
        using var firstClient = first.CreateClient();
        using var secondClient = second.CreateClient();
        var id = Guid.NewGuid().ToString();

        using var toFirst = await firstClient.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request", id));
        using var sameIdToSecond = await secondClient.SendAsync(SignedDelivery.Create(PullRequestFixture.OpenedDelivery(), "pull_request", id));

        Assert.Equal(HttpStatusCode.Accepted, toFirst.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, sameIdToSecond.StatusCode);
        Assert.Single(await QueuedJobs.ListAsync(first.Services));
        Assert.Single(await QueuedJobs.ListAsync(second.Services));
        foreach (var schema in new[] { "team_a", "team_b" })
        {
            Assert.Equal(1, await ScalarAsync(db, $"SELECT COUNT(*) FROM \"{schema}\".deliveries"));
            Assert.Equal(1, await ScalarAsync(db, $"SELECT COUNT(*) FROM \"{schema}\".qrtz_triggers WHERE job_group = 'reviews'"));
        }

        Assert.Equal(0, await ScalarAsync(db, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    private static async Task<long> ScalarAsync(TestDatabase db, string sql)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
