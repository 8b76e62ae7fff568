using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Dce.GlobalManagement.Tests;

/// <summary>The module started for the first time without a configured administrator password.</summary>
public sealed class GeneratedAdminApp : GlobalManagementApp
{
    protected override string? ConfiguredAdminPassword => null;
}

public sealed class BootstrapTests(GeneratedAdminApp app) : IClassFixture<GeneratedAdminApp>
{
    [Fact]
    public async Task First_start_without_a_configured_password_generates_one_and_logs_it_once()
    {
        var client = app.CreateClient();
        var fixedGuess = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = "admin", password = GlobalManagementApp.AdminPassword });

        var announcements = app.Logs.Lines.Where(line => line.Contains("generated password", StringComparison.Ordinal)).ToList();
        var password = Regex.Match(Assert.Single(announcements), @"Password=([A-Za-z0-9-]+)").Groups[1].Value;
        var login = await client.PostAsJsonAsync("/apis/ghippo.io/v1alpha1/login", new { username = "admin", password });

        Assert.Equal(HttpStatusCode.Unauthorized, fixedGuess.StatusCode);
        Assert.True(password.Length >= 20);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }
}
