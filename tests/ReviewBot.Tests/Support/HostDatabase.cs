using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Quartz;
using ReviewBot.Data;
using ReviewBot.Data.Migrations;
using ReviewBot.Testing;

namespace ReviewBot.Tests.Support;

/// <summary>
/// A database of its own for one host test. On PostgreSQL it is copied from a template that already holds ReviewBot's
/// tables and Quartz's (built once per schema version by a real host, then reused), because creating some fifty
/// tables, indexes and constraints for every test costs more than the test itself.
/// </summary>
internal static class HostDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _template;

    public static async Task<TestDatabase> CreateAsync(StorageProvider engine) =>
        engine == StorageProvider.Postgres
            ? await TestDatabase.CreateAsync(engine, await TemplateAsync())
            : await TestDatabase.CreateAsync(engine);

    private static async Task<string> TemplateAsync()
    {
        if (Volatile.Read(ref _template) is { } ready)
        {
            return ready;
        }

        await Gate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = "rb_tpl_host_" + SchemaVersion();
            await using var server = new NpgsqlConnection(TestDatabase.ServerConnectionString);
            await server.OpenAsync();

            // Test runs in other processes (other projects, other checkouts) may be building the same template.
            await ExecuteAsync(server, "SELECT pg_advisory_lock(hashtext('reviewbot-test-template'))");
            try
            {
                if (!await ExistsAsync(server, name))
                {
                    await BuildAsync(server, name);
                }
            }
            finally
            {
                await ExecuteAsync(server, "SELECT pg_advisory_unlock(hashtext('reviewbot-test-template'))");
            }

            Volatile.Write(ref _template, name);
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task BuildAsync(NpgsqlConnection server, string name)
    {
        await using var building = await TestDatabase.CreateAsync(StorageProvider.Postgres);
        var buildingName = new NpgsqlConnectionStringBuilder(building.ConnectionString).Database!;
        await using (var host = new ReviewBotAppFactory(building, ServeRole.Web))
        {
            using var client = host.CreateClient();
            await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{buildingName}'");
        await ExecuteAsync(server, $"ALTER DATABASE \"{buildingName}\" RENAME TO \"{name}\"");
        await ExecuteAsync(server, $"ALTER DATABASE \"{name}\" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false");
    }

    /// <summary>Changes with ReviewBot's migrations and with Quartz's version (its schema).</summary>
    private static string SchemaVersion()
    {
        var text = new StringBuilder(typeof(IScheduler).Assembly.GetName().Version!.ToString());
        foreach (var script in MigrationRunner.Scripts(StorageProvider.Postgres))
        {
            text.Append('\n').Append(script.Version).Append(script.Sql);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection server, string name)
    {
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM pg_database WHERE datname = @name", server);
        command.Parameters.AddWithValue("name", name);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection server, string sql)
    {
        await using var command = new NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync();
    }
}
