using System.Diagnostics;

/// <summary>Requests per second of one GET from concurrent clients over a fixed time.</summary>
internal static class Throughput
{
    public static async Task<(double PerSecond, long Failures)> MeasureAsync(HttpClient client, string path, int seconds, int concurrency)
    {
        long succeeded = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < until)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                    await response.Content.LoadIntoBufferAsync();
                    Interlocked.Increment(ref response.IsSuccessStatusCode ? ref succeeded : ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        return (succeeded / clock.Elapsed.TotalSeconds, failed);
    }

    /// <summary>The median of three rounds after a warm-up.</summary>
    public static async Task<(double PerSecond, long Failures)> MedianAsync(HttpClient client, string path, int seconds, int concurrency)
    {
        await MeasureAsync(client, path, 3, concurrency);
        List<(double PerSecond, long Failures)> rounds = [];
        for (var round = 0; round < 3; round++)
        {
            rounds.Add(await MeasureAsync(client, path, seconds, concurrency));
        }

        return (rounds.OrderBy(r => r.PerSecond).ElementAt(1).PerSecond, rounds.Sum(r => r.Failures));
    }
}
