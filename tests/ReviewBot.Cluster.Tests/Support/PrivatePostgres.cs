using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ReviewBot.Cluster.Tests.Support;

/// <summary>
/// A PostgreSQL server of one test's own (initdb into a temporary directory, on a free loopback port), from the
/// binaries of the packaged server (<c>/usr/lib/postgresql/VERSION/bin</c>, the version in <c>/etc/postgresql</c>).
/// It exists so a test can restart the server under a running cluster without disturbing the other suites, which
/// share the server named by <c>REVIEWBOT_TEST_POSTGRES</c>. Run as root, it runs the server as <c>postgres</c>.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _directory;

    private PrivatePostgres(string bin, string directory, int port)
    {
        _bin = bin;
        _directory = directory;
        Port = port;
        Settings = string.Create(CultureInfo.InvariantCulture,
            $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
    }

    /// <summary>The server's command-line settings, given again on every start.</summary>
    private string Settings { get; }

    public int Port { get; }

    /// <summary>A superuser connection to the server's <c>postgres</c> database.</summary>
    public string ServerConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "reviewbot",
        Database = "postgres",
        Timeout = 5,
    }.ConnectionString;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = FindBinaries();
        var directory = Path.Combine(Path.GetTempPath(), "reviewbot-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres", directory], asPostgres: false);
        }

        var server = new PrivatePostgres(bin, directory, FreePort());
        var data = Path.Combine(directory, "data");
        await server.PgAsync("initdb", ["-D", data, "-U", "reviewbot", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"]);
        await server.PgAsync("pg_ctl", ["-D", data, "-o", server.Settings, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"]);
        return server;
    }

    /// <summary>Creates a database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ServerConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// <c>pg_ctl stop -m fast</c> (sessions are terminated), <paramref name="down"/> with no server at all (connections
    /// refused), then <c>pg_ctl start</c>. Returns how long the server was unreachable.
    /// </summary>
    public async Task<TimeSpan> RestartAsync(TimeSpan down)
    {
        var data = Path.Combine(_directory, "data");
        var started = Stopwatch.StartNew();
        await PgAsync("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]);
        await Task.Delay(down);
        await PgAsync("pg_ctl", ["-D", data, "-o", Settings, "-l", Path.Combine(_directory, "server.log"), "-w", "-t", "60", "start"]);
        return started.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await PgAsync("pg_ctl", ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The temp folder is cleaned by the system anyway.
        }
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments) => RunAsync(Path.Combine(_bin, tool), arguments, asPostgres: Environment.UserName == "root");

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres)
        {
            foreach (var argument in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
        }
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/etc/postgresql")
            ? Directory.GetDirectories("/etc/postgresql").Select(Path.GetFileName).OfType<string>()
            : [];
        var candidates = versions.Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").Select(Path.GetFileName).OfType<string>() : [])
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(static v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : 0);
        foreach (var version in candidates)
        {
            var bin = Path.Combine("/usr/lib/postgresql", version, "bin");
            if (File.Exists(Path.Combine(bin, "pg_ctl")) && File.Exists(Path.Combine(bin, "initdb")))
            {
                return bin;
            }
        }

        throw new InvalidOperationException("PostgreSQL's server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql. Run .ci/run, or install Debian's postgresql package.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
