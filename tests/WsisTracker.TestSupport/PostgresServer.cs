using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace WsisTracker.TestSupport;

/// <summary>
/// A PostgreSQL server for tests: the one named by <c>WSIS_TEST_POSTGRES</c> (an Npgsql connection string whose user
/// may create databases), or else a throwaway cluster started from the installed binaries on a free loopback port and
/// removed afterwards. As root the binaries run as the <c>postgres</c> user, since initdb refuses root. There is no
/// fallback to another provider: without PostgreSQL the tests fail with a message that says what to install.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "WSIS_TEST_POSTGRES";

    private readonly string? _clusterDirectory;
    private readonly string? _binDirectory;
    private readonly int _port;

    private PostgresServer(string adminConnectionString, string? clusterDirectory, string? binDirectory, int port = 0)
    {
        AdminConnectionString = adminConnectionString;
        _clusterDirectory = clusterDirectory;
        _binDirectory = binDirectory;
        _port = port;
    }

    public string AdminConnectionString { get; }

    /// <summary>True when this process started the cluster (and so may stop and start it).</summary>
    public bool OwnsCluster => _clusterDirectory is not null;

    /// <summary>The folder of the cluster this process started (data, socket and log), or null for an external server.</summary>
    public string? ClusterDirectory => _clusterDirectory;

    /// <summary>The server of <c>WSIS_TEST_POSTGRES</c>, or else a throwaway cluster under the temporary folder (<c>TMPDIR</c>).</summary>
    public static Task<PostgresServer> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(external)
            ? StartThrowawayClusterAsync(Path.GetTempPath())
            : Task.FromResult(new PostgresServer(external, null, null));
    }

    /// <summary>
    /// A throwaway cluster in a new folder under <paramref name="temporaryRoot"/>. As root, when the <c>postgres</c>
    /// user cannot enter that folder (a private 0700 <c>TMPDIR</c>, anything under <c>/root</c>), it goes under
    /// <c>/tmp</c> instead, since initdb and the server run as that user.
    /// </summary>
    public static async Task<PostgresServer> StartThrowawayClusterAsync(string temporaryRoot)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries (initdb, pg_ctl) found on PATH or in /usr/lib/postgresql/*/bin. Install PostgreSQL (apt-get install postgresql) or set {EnvironmentVariable} to a server's connection string.");
        var directory = await CreateClusterDirectoryAsync(temporaryRoot);
        var port = FreePort();
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=wsis;Database=postgres;Pooling=true;Include Error Detail=true",
            directory,
            bin,
            port);
        var data = Path.Combine(directory, "data");
        await server.RunPgAsync("initdb", ["-D", data, "-U", "wsis", "--auth=trust", "-E", "UTF8", "--no-locale"]);
        await server.StartClusterAsync(port);
        return server;
    }

    /// <summary>
    /// A hot standby of this cluster: a base backup (<c>pg_basebackup -R</c>, streaming replication as initdb's trust
    /// rules allow on loopback) started on a port of its own, replaying this cluster's writes as they commit.
    /// Only for a cluster this process owns.
    /// </summary>
    public async Task<PostgresServer> StartStandbyAsync()
    {
        _ = OwnedDirectory();
        var directory = await CreateClusterDirectoryAsync(Path.GetDirectoryName(_clusterDirectory)!);
        var port = FreePort();
        var standby = new PostgresServer(
            new NpgsqlConnectionStringBuilder(AdminConnectionString) { Port = port }.ConnectionString,
            directory,
            _binDirectory,
            port);
        await RunPgAsync("pg_basebackup", ["-h", "127.0.0.1", "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "wsis", "-D", Path.Combine(directory, "data"), "-R", "-X", "stream", "-c", "fast"]);
        await standby.StartClusterAsync(port);
        return standby;
    }

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A connection string for a database that does not exist yet (the app is expected to create it).</summary>
    public string ConnectionStringForNewDatabase(string prefix) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant() }.ConnectionString;

    /// <summary>Stops the server (fast shutdown: sessions are ended), for outage tests. Only for a cluster this process owns.</summary>
    public Task StopAsync() =>
        RunPgAsync("pg_ctl", ["-D", Path.Combine(OwnedDirectory(), "data"), "-m", "fast", "-w", "stop"]);

    /// <summary>Starts a stopped cluster again on the same port.</summary>
    public Task ResumeAsync()
    {
        _ = OwnedDirectory();
        return StartClusterAsync(_port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_clusterDirectory is null)
        {
            return;
        }

        try
        {
            await RunPgAsync("pg_ctl", ["-D", Path.Combine(_clusterDirectory, "data"), "-m", "immediate", "stop"]);
        }
        finally
        {
            Directory.Delete(_clusterDirectory, recursive: true);
        }
    }

    private string OwnedDirectory() =>
        _clusterDirectory ?? throw new InvalidOperationException($"The server named by {EnvironmentVariable} is not this process's to stop or start.");

    private async Task StartClusterAsync(int port)
    {
        var options = $"-p {port} -k {_clusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunPgAsync("pg_ctl", ["-D", Path.Combine(_clusterDirectory!, "data"), "-l", Path.Combine(_clusterDirectory!, "server.log"), "-w", "-t", "60", "-o", options, "start"]);
    }

    private Task RunPgAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory!, tool);
        return IsRoot() ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var (exitCode, output) = await ExecuteAsync(fileName, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {exitCode}: {output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"{await error} {await output}");
    }

    private static async Task<string> CreateClusterDirectoryAsync(string temporaryRoot)
    {
        var directory = NewClusterDirectory(temporaryRoot);
        if (!IsRoot())
        {
            return directory;
        }

        await RunAsync("chown", ["postgres", directory]);
        if (await PostgresUserCanUseAsync(directory))
        {
            return directory;
        }

        // The postgres user cannot pass a folder above this one; /tmp is open to every user.
        Directory.Delete(directory);
        directory = NewClusterDirectory("/tmp");
        await RunAsync("chown", ["postgres", directory]);
        return directory;
    }

    private static string NewClusterDirectory(string parent)
    {
        var directory = Path.Combine(parent, $"wsis-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static async Task<bool> PostgresUserCanUseAsync(string directory) =>
        (await ExecuteAsync("runuser", ["-u", "postgres", "--", "test", "-d", directory, "-a", "-w", directory, "-a", "-x", directory])).ExitCode == 0;

    private static string? FindBinDirectory()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        if (onPath is not null)
        {
            // A folder of links (/usr/local/bin) may hold initdb and pg_ctl only: the tools beside the real initdb
            // (pg_basebackup among them) are in its own folder.
            var initdb = new FileInfo(Path.Combine(onPath, "initdb"));
            return initdb.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Path.GetDirectoryName(target.FullName) : onPath;
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => dir, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
    }

    private static bool IsRoot() => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
