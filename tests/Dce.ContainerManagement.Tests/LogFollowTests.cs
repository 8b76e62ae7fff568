using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Dce.ContainerManagement.Tests;

/// <summary>
/// Followed logs: one user follows a bounded number at once, counted across replicas (the next follow is a 429); a client
/// that lost a stream asks again from its last line's time (<c>startTime</c>), and the stream starts at that line however
/// long the request takes to arrive, so nothing between the two streams is lost.
/// </summary>
public sealed class LogFollowTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const int Cap = 5;

    [Fact]
    [Trait("Category", "Security")]
    public async Task A_follow_beyond_the_users_cap_is_a_429_problem_and_a_closed_follow_frees_its_slot()
    {
        var ns = await fixture.NamespaceAsync();
        var pod = await fixture.RunningPodAsync(ns);
        var path = $"/apis/kpanda.io/v1alpha1/clusters/{PlatformFixture.Cluster}/namespaces/{ns}/pods/{pod}/log?follow=true&tailLines=1";
        using var client = fixture.Platform.AdminClient();
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < Cap; i++)
            {
                var follow = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                open.Add(follow);
                Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
            }

            using var refused = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            open[0].Dispose();
            open.RemoveAt(0);
            await Dce.Testing.Eventually.Until(async () =>
            {
                var again = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                if (again.StatusCode == HttpStatusCode.OK)
                {
                    open.Add(again);
                    return true;
                }

                again.Dispose();
                return false;
            }, "a slot freed by the closed follow");
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    [Fact]
    public async Task A_follow_from_startTime_begins_at_the_line_of_that_instant()
    {
        var ns = await fixture.NamespaceAsync();
        var pod = await fixture.RunningPodAsync(ns);
        var log = $"/apis/kpanda.io/v1alpha1/clusters/{PlatformFixture.Cluster}/namespaces/{ns}/pods/{pod}/log";
        using var client = fixture.Platform.AdminClient();
        var stamps = new List<string>();
        await Dce.Testing.Eventually.Until(async () =>
        {
            using var lines = JsonDocument.Parse(await client.GetStringAsync(log));
            stamps = [.. lines.RootElement.GetProperty("data").EnumerateArray().Select(l => l.GetProperty("timeStamp").GetString()!)];
            return stamps.Count > 0 && stamps[^1] != stamps[0];
        }, "log lines of two instants");
        var resumeAt = DateTimeOffset.Parse(stamps[^1], CultureInfo.InvariantCulture);

        HttpResponseMessage? follow = null;
        await Dce.Testing.Eventually.Until(async () =>
        {
            // The other test's follows free their slots a moment after they close.
            follow?.Dispose();
            follow = await client.GetAsync($"{log}?follow=true&timestamps=true&startTime={Uri.EscapeDataString(resumeAt.ToString("O", CultureInfo.InvariantCulture))}",
                HttpCompletionOption.ResponseHeadersRead);
            return follow.StatusCode != HttpStatusCode.TooManyRequests;
        }, "a free follow slot");
        using var followed = follow!;
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        using var reader = new StreamReader(await followed.Content.ReadAsStreamAsync());
        var first = await reader.ReadLineAsync();

        Assert.NotNull(first);
        Assert.Equal(resumeAt, DateTimeOffset.Parse(first[..first.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture));
    }
}
