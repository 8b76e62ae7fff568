using System.Collections.Concurrent;
using System.Text.Json;

namespace Dce.Insight.Tests;

/// <summary>Reads a live tail (Server-Sent Events) in the background, keeping each event's data, until disposed.</summary>
public sealed class LogTailReader : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task reading;

    private LogTailReader(HttpResponseMessage response)
    {
        Response = response;
        reading = ReadAsync(response);
    }

    public HttpResponseMessage Response { get; }

    public ConcurrentQueue<JsonElement> Lines { get; } = new();

    public static async Task<LogTailReader> OpenAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/apis/insight.io/v1alpha1/log/tail?{query}", HttpCompletionOption.ResponseHeadersRead);
        return new LogTailReader(response);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        Response.Dispose();
        await reading.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private async Task ReadAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            return;
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
        while (await reader.ReadLineAsync(stop.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                Lines.Enqueue(JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone());
            }
        }
    }
}
