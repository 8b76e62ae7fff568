using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.Insight.Logs;
using Dce.Platform.Contracts.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Dce.Insight.Tests.Benchmarks;

/// <summary>
/// <c>log/search</c> over 1,000,000 stored lines, written through Insight's own log writer (binary COPY in batches of
/// 5,000): a word, a phrase and an exclusion, over the whole three hours and over the last hour.
/// </summary>
[Collection(BenchmarkCollection.Name)]
public sealed class LogSearchBenchmarks(ITestOutputHelper output)
{
    private const int Lines = 1_000_000;
    private const int BatchSize = 5000;
    private const int Calls = 200;
    private const int WarmUpCalls = 2;
    private static readonly TimeSpan MeasuringBudget = TimeSpan.FromMinutes(5);
    private const string Search = "/apis/insight.io/v1alpha1/log/search";

    [BenchmarkFact]
    public async Task Log_search_over_a_million_lines()
    {
        await using var started = await StartedPlatform<InsightPlatform>.StartAsync(new InsightPlatform());
        var platform = started.Platform;
        var services = platform.Insight.Services;
        var until = DateTime.UtcNow;
        var from = until.AddHours(-3);
        var lines = new SyntheticLogLines($"logbench-{Guid.NewGuid():N}"[..17], from, until, Lines);
        await WriteAsync(services.GetRequiredService<LogWriter>(), lines);
        // What autovacuum does on its own within a minute of a bulk write: the planner's statistics of the new rows.
        var database = services.GetRequiredService<NpgsqlDataSource>();
        await using (var analyze = database.CreateCommand($"ANALYZE {DayPartitions.LogTable}"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        var wholeRange = (From: from.AddMinutes(-1), Until: until.AddMinutes(1));
        var lastHour = (From: until.AddHours(-1), Until: until.AddMinutes(1));
        var questions = new[] { ("word", "timeout"), ("phrase", "\"connection refused\""), ("exclusion", "ERROR -timeout") }
            .SelectMany(q => new[] { (Name: $"{q.Item1} `{q.Item2}`, 3 h", Query: q.Item2, Range: wholeRange), (Name: $"{q.Item1} `{q.Item2}`, last hour", Query: q.Item2, Range: lastHour) })
            .ToArray();
        var admin = platform.AdminClient();
        var series = questions.Select(q => new LatencySeries($"log/search {q.Name}, size=100, admin")).ToArray();
        for (var i = 0; i < WarmUpCalls; i++)
        {
            foreach (var question in questions)
            {
                Assert.Equal(100, (await SearchAsync(admin, question.Query, question.Range)).GetArrayLength());
            }
        }

        var budget = Stopwatch.StartNew();
        for (var i = 0; i < Calls && budget.Elapsed < MeasuringBudget; i++)
        {
            for (var q = 0; q < questions.Length; q++)
            {
                var found = await series[q].TimeAsync(() => SearchAsync(admin, questions[q].Query, questions[q].Range));
                Assert.True(found.ValueKind == JsonValueKind.Undefined || found.GetArrayLength() == 100);
            }
        }

        foreach (var measured in series)
        {
            output.WriteLine(measured.ToString());
        }

        foreach (var question in questions)
        {
            await ExplainAsync(database, question.Name, question.Query, question.Range);
        }
    }

    private async Task WriteAsync(LogWriter writer, SyntheticLogLines lines)
    {
        var writing = TimeSpan.Zero;
        var wall = Stopwatch.StartNew();
        foreach (var batch in lines.Batches(BatchSize))
        {
            var watch = Stopwatch.StartNew();
            await writer.WriteAsync(batch, CancellationToken.None);
            writing += watch.Elapsed;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {Lines:N0} lines in batches of {BatchSize:N0}, one after another: {writing.TotalSeconds:F1} s writing ({Lines / writing.TotalSeconds:N0} lines/s), {wall.Elapsed.TotalSeconds:F1} s with generating the lines"));
    }

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query, (DateTime From, DateTime Until) range)
    {
        var path = string.Create(CultureInfo.InvariantCulture,
            $"{Search}?query={Uri.EscapeDataString(query)}&startTime={new DateTimeOffset(range.From).ToUnixTimeSeconds()}&endTime={new DateTimeOffset(range.Until).ToUnixTimeSeconds()}&size=100");
        using var response = await client.GetAsync(path);
        var answer = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        return JsonDocument.Parse(answer.GetProperty("response").GetString()!).RootElement;
    }

    /// <summary>The plan PostgreSQL chose for the search's own SQL, with its execution time: where the time goes.</summary>
    private async Task ExplainAsync(NpgsqlDataSource database, string name, string query, (DateTime From, DateTime Until) range)
    {
        var where = LogSearch.Where(new ClusterScope(true, [], []), new Logs.TimeRange(range.From, range.Until), null, LogSearch.Text([query]));
        await using var command = database.CreateCommand(
            $"EXPLAIN (ANALYZE, BUFFERS) SELECT {LogRow.Columns} FROM {DayPartitions.LogTable} WHERE {where.Sql} ORDER BY time DESC, id DESC LIMIT 100 OFFSET 0");
        where.AddTo(command);
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        output.WriteLine($"plan of {name}:");
        foreach (var line in plan.Where(line => !line.TrimStart().StartsWith("Buffers", StringComparison.Ordinal)))
        {
            output.WriteLine("  " + line);
        }
    }
}
