using Npgsql;
using WsisTracker.TestSupport;

namespace WsisTracker.IntegrationTests.Data;

/// <summary>
/// The tests' throwaway cluster starts wherever the temporary folder is: as root, initdb and the server run as the
/// postgres user, who cannot enter a private 0700 <c>TMPDIR</c> (a <c>mktemp -d</c> folder, anything under /root).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ThrowawayClusterTests
{
    [Fact]
    public async Task ThrowawayCluster_UnderAPrivateTemporaryFolder_StartsAndIsRemovedAfter()
    {
        var privateRoot = Path.Combine(Path.GetTempPath(), $"wsis-private-{Guid.NewGuid():N}");
        Directory.CreateDirectory(privateRoot, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            string clusterDirectory;
            await using (var server = await PostgresServer.StartThrowawayClusterAsync(privateRoot))
            {
                clusterDirectory = server.ClusterDirectory!;
                await using var connection = new NpgsqlConnection(server.AdminConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT current_user", connection);
                Assert.Equal("wsis", await command.ExecuteScalarAsync());
                if (Environment.UserName == "root")
                {
                    Assert.False(clusterDirectory.StartsWith(privateRoot, StringComparison.Ordinal), $"the cluster is in {clusterDirectory}, which the postgres user cannot enter");
                }
            }

            Assert.False(Directory.Exists(clusterDirectory), $"{clusterDirectory} is left behind");
        }
        finally
        {
            Directory.Delete(privateRoot, recursive: true);
        }
    }
}
