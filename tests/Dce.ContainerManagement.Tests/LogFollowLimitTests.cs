using k8s;
using System.Net;

namespace Dce.ContainerManagement.Tests;

/// <summary>One user follows a bounded number of logs at once, counted across replicas; the next follow is a 429.</summary>
[Trait("Category", "Security")]
public sealed class LogFollowLimitTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const int Cap = 5;

    [Fact]
    public async Task A_follow_beyond_the_users_cap_is_a_429_problem_and_a_closed_follow_frees_its_slot()
    {
        var ns = await fixture.NamespaceAsync();
        var pod = await RunningPodAsync(ns);
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

    private async Task<string> RunningPodAsync(string ns)
    {
        using var kube = fixture.Kube();
        await kube.AppsV1.CreateNamespacedDeploymentAsync(PlatformFixture.Deployment("logger", 1), ns);
        string? running = null;
        await Dce.Testing.Eventually.Until(async () =>
        {
            var pods = await kube.CoreV1.ListNamespacedPodAsync(ns);
            running = pods.Items.FirstOrDefault(p => p.Status?.Phase == "Running")?.Metadata.Name;
            return running is not null;
        }, "a running pod");
        return running!;
    }
}
