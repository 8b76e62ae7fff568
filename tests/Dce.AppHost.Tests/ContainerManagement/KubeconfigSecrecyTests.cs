using System.Net;
using System.Text;
using Aspire.Hosting.Testing;
using Npgsql;

namespace Dce.AppHost.Tests.ContainerManagement;

/// <summary>A joined cluster's credentials are in no table in clear text, no answer and no log line.</summary>
[Collection(PlatformCollection.Name)]
public sealed class KubeconfigSecrecyTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_kubeconfig_is_not_readable_in_the_database_in_any_answer_or_in_the_logs()
    {
        using var api = await PlatformApi.SignInAsync(platform);
        using var simulator = new SimulatorAdmin(platform);
        var kubeconfig = await simulator.AddClusterAsync("secretive");
        var secrets = Secrets(kubeconfig);
        Assert.Equal(2, secrets.Count);

        var answers = new StringBuilder();
        answers.Append((await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "secretive", kubeconfig })).Expect(HttpStatusCode.Created).Text);
        await api.WaitForAsync($"{PlatformApi.Kpanda}/clusters/secretive", json => json.GetProperty("status").TryGetProperty("nodeSummary", out _), "the first probe");
        answers.Append((await api.GetAsync($"{PlatformApi.Kpanda}/clusters/secretive")).Text);
        answers.Append((await api.GetAsync($"{PlatformApi.Kpanda}/clusters?pageSize=100")).Text);
        answers.Append((await api.PostAsync($"{PlatformApi.Kpanda}/clusters/validate", new { kubeconfig })).Text);
        answers.Append((await api.PostAsync($"{PlatformApi.Kpanda}/clusters", new { name = "secretive", kubeconfig })).Text);

        var database = await DatabaseTextAsync();
        Assert.Contains("secretive", database, StringComparison.Ordinal);
        var logs = await ResourceLogs.ReadAsync(platform.App, "kpanda");
        Assert.Contains("Now listening", logs, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, answers.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }

        (await api.DeleteAsync($"{PlatformApi.Kpanda}/clusters/secretive")).Expect(HttpStatusCode.OK);
    }

    /// <summary>The bearer token and the certificate authority data of a kubeconfig.</summary>
    private static List<string> Secrets(string kubeconfig) =>
        [.. kubeconfig.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("token:", StringComparison.Ordinal) || line.StartsWith("certificate-authority-data:", StringComparison.Ordinal))
            .Select(line => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Trim('"'))
            .Where(value => value.Length >= 16)
            .Select(value => value.Length > 64 ? value[..64] : value)];

    /// <summary>Every row of every table of Container Management's database, as text.</summary>
    private async Task<string> DatabaseTextAsync()
    {
        await using var connection = new NpgsqlConnection(await platform.App.GetConnectionStringAsync("kpanda-db"));
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var text = new StringBuilder();
        foreach (var table in tables)
        {
            await using var dump = new NpgsqlCommand($"SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM {table} t", connection);
            text.AppendLine((string?)await dump.ExecuteScalarAsync());
        }

        return text.ToString();
    }
}
