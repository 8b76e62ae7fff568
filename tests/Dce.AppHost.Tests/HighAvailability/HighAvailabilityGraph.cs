using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Dce.LocalServers;
using Microsoft.Extensions.DependencyInjection;

namespace Dce.AppHost.Tests.HighAvailability;

/// <summary>The AppHost's graph with two replicas of every module and of the gateway, haproxy as the entry, its own throwaway state.</summary>
public sealed class HighAvailabilityGraph : IAsyncLifetime
{
    public static readonly string[] Replicas = ["ghippo", "ghippo-1", "kpanda", "kpanda-1", "clusterpedia", "clusterpedia-1", "gateway", "gateway-1"];

    public static readonly string[] SurgeSlots = ["ghippo-surge", "kpanda-surge", "clusterpedia-surge", "gateway-surge"];

    private static readonly string AdminPassword = $"Dce-{Guid.NewGuid():N}";

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Where <c>./build.sh upgrade</c> drops its requests for this graph.</summary>
    public string UpgradeInbox { get; } = Directory.CreateTempSubdirectory("dce-upgrades-").FullName;

    public Uri Entry { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Dce_AppHost>(
        [
            "--Dce:Replicas=2",
            "--Dce:Middleware:Mode=process",
            "--Dce:Middleware:Ephemeral=true",
            $"--Dce:Entry:Port={FreePort.Next()}",
            $"--Dce:Upgrades:Inbox={UpgradeInbox}",
            $"--Parameters:admin-password={AdminPassword}",
            $"--Parameters:kubesim-admin-token=sim-{Guid.NewGuid():N}",
        ]);
        App = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await App.StartAsync(timeout.Token);
            foreach (var resource in Replicas.Append("entry"))
            {
                await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
            }
        }
        catch (Exception failure) when (failure is DistributedApplicationException or OperationCanceledException)
        {
            throw new InvalidOperationException($"{failure.Message}\n{States()}", failure);
        }

        Entry = App.GetEndpoint("entry", "http");
    }

    private string States()
    {
        var states = new System.Text.StringBuilder();
        foreach (var resource in App.Services.GetRequiredService<Aspire.Hosting.ApplicationModel.DistributedApplicationModel>().Resources)
        {
            if (App.ResourceNotifications.TryGetCurrentState(resource.Name, out var state))
            {
                states.AppendLine($"{resource.Name}: {state.Snapshot.State?.Text} exit={state.Snapshot.ExitCode} health={state.Snapshot.HealthStatus}");
            }
        }

        return states.ToString();
    }

    /// <summary>A client of the entry signed in as the bootstrap administrator.</summary>
    public async Task<HttpClient> SignInAsync()
    {
        var http = new HttpClient { BaseAddress = Entry, Timeout = TimeSpan.FromMinutes(1) };
        using var login = await http.PostAsJsonAsync(new Uri("/apis/ghippo.io/v1alpha1/login", UriKind.Relative), new { username = "admin", password = AdminPassword });
        Assert.True(login.IsSuccessStatusCode, $"login: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("idToken").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>The build replica <paramref name="resource"/> reports at <c>/version</c>, asked directly.</summary>
    public async Task<JsonElement> VersionOfAsync(HttpClient signedIn, string resource)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(App.GetEndpoint(resource, "http"), "/version"));
        request.Headers.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        using var answer = await signedIn.SendAsync(request);
        Assert.True(answer.IsSuccessStatusCode, $"{resource}/version: {(int)answer.StatusCode}");
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Directory.Delete(UpgradeInbox, recursive: true);
    }
}
