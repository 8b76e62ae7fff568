using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Dce.GlobalManagement.Tests;

/// <summary>Global Management reads no body larger than any of its requests needs, declared or streamed.</summary>
[Trait("Category", "Security")]
public sealed class RequestBodyLimitTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Groups = "/apis/ghippo.io/v1alpha1/groups";

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_a_413_problem_and_changes_nothing()
    {
        var admin = await app.AdminClientAsync();
        var before = await CountGroupsAsync();

        using var body = new ByteArrayContent(Encoding.UTF8.GetBytes(GroupJson(200_000)));
        body.Headers.ContentType = new("application/json");
        using var response = await admin.PostAsync(Groups, body);

        await AssertTooLargeAsync(response);
        Assert.Equal(before, await CountGroupsAsync());
    }

    [Fact]
    public async Task A_streamed_body_passing_the_limit_is_a_413_problem_and_changes_nothing()
    {
        var admin = await app.AdminClientAsync();
        var before = await CountGroupsAsync();

        using var body = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(GroupJson(200_000))));
        body.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Groups) { Content = body };
        request.Headers.TransferEncodingChunked = true;
        using var response = await admin.SendAsync(request);

        await AssertTooLargeAsync(response);
        Assert.Equal(before, await CountGroupsAsync());
    }

    private static string GroupJson(int descriptionLength) =>
        $$"""{"name":"big-{{Guid.NewGuid():N}}","description":"{{new string('a', descriptionLength)}}"}""";

    private static async Task AssertTooLargeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("smaller", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<int> CountGroupsAsync()
    {
        await using var db = app.Database();
        return await db.Groups.CountAsync();
    }
}
