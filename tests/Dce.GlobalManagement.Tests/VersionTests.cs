using System.Net;
using System.Net.Http.Json;
using System.Reflection;

namespace Dce.GlobalManagement.Tests;

/// <summary>The module reports its build at <c>/version</c>, to signed-in callers only.</summary>
public sealed class VersionTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    [Fact]
    public async Task Version_names_the_module_and_the_build_it_runs()
    {
        var stamped = typeof(Dce.GlobalManagement.Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var version = await (await app.AdminClientAsync()).GetFromJsonAsync<VersionAnswer>("/version");

        Assert.NotNull(version);
        Assert.Equal("Dce.GlobalManagement", version.Module);
        Assert.Equal(stamped, version.Commit is null ? version.Version : $"{version.Version}+{version.Commit}");
    }

    [Fact]
    public async Task Version_needs_a_token()
    {
        var response = await app.CreateClient().GetAsync("/version");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private sealed record VersionAnswer(string Module, string Version, string? Commit, DateTimeOffset StartedAt);
}
