using System.Net.Http.Headers;
using System.Text;
using Dce.LocalServers;

namespace Dce.Testing;

/// <summary>A real VictoriaMetrics from the OS packages, started the way the AppHost starts it, in a throwaway folder.</summary>
public sealed class LocalVictoriaMetrics : IAsyncDisposable
{
    private readonly ServerProcess _process;
    private readonly VictoriaMetricsServerRecipe _recipe;

    private LocalVictoriaMetrics(VictoriaMetricsServerRecipe recipe)
    {
        _recipe = recipe;
        _process = new ServerProcess(recipe.Prepare());
    }

    /// <summary><c>Endpoint=...;Username=...;Password=...</c>, as the Insight module reads it.</summary>
    public string ConnectionString => _recipe.ConnectionString;

    public string Endpoint => _recipe.Endpoint;

    /// <summary>The generated password of <see cref="VictoriaMetricsServerRecipe.User"/>, for another engine reading this server.</summary>
    public string Password => _recipe.Password;

    /// <summary>Starts a server and waits until it answers an authenticated query.</summary>
    public static async Task<LocalVictoriaMetrics> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new LocalVictoriaMetrics(new VictoriaMetricsServerRecipe(TestFolders.Create("victoria-metrics"), FreePort.Next()));
        await server._process.StartAsync(server.IsReadyAsync, cancellationToken);
        return server;
    }

    /// <summary>A client of the server with its credentials.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = new Uri(Endpoint) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{VictoriaMetricsServerRecipe.User}:{_recipe.Password}")));
        return client;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        using var client = Client();
        using var response = await client.GetAsync("/api/v1/query?query=1", cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
