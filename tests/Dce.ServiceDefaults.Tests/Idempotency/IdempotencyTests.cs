using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dce.ServiceDefaults.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Dce.ServiceDefaults.Tests.Idempotency;

public sealed class IdempotencyTests : IAsyncLifetime
{
    private readonly IdempotencyApp _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Same_key_twice_applies_once_and_replays_the_first_answer()
    {
        using var first = await PostAsync("/orders", "alice", "key-1", "first");
        using var second = await PostAsync("/orders", "alice", "key-1", "first");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await CountOrdersAsync("first"));
    }

    [Fact]
    public async Task Concurrent_duplicates_apply_once_and_the_other_is_told_to_retry()
    {
        var one = PostAsync("/orders/gated", "alice", "key-2", "raced");
        var other = PostAsync("/orders/gated", "alice", "key-2", "raced");

        var loser = await Task.WhenAny(one, other);
        var loserResponse = await loser;
        _app.AfterSave.SetResult();
        using var winnerResponse = await (loser == one ? other : one);

        using (loserResponse)
        {
            Assert.Equal(HttpStatusCode.Conflict, loserResponse.StatusCode);
            Assert.Equal("1", loserResponse.Headers.RetryAfter?.ToString());
            Assert.Contains("in progress", (await ReadProblemAsync(loserResponse)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Created, winnerResponse.StatusCode);
        Assert.Equal(1, await CountOrdersAsync("raced"));
    }

    [Fact]
    public async Task Same_key_with_a_different_body_is_refused_with_422()
    {
        using var first = await PostAsync("/orders", "alice", "key-3", "original");
        using var second = await PostAsync("/orders", "alice", "key-3", "changed");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("different request", (await ReadProblemAsync(second)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountOrdersAsync("changed"));
    }

    [Fact]
    public async Task The_key_belongs_to_its_subject()
    {
        using var alice = await PostAsync("/orders", "alice", "key-4", "shared-key");
        using var bob = await PostAsync("/orders", "bob", "key-4", "shared-key");

        Assert.Equal(HttpStatusCode.Created, bob.StatusCode);
        Assert.False(bob.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await CountOrdersAsync("shared-key"));
    }

    [Fact]
    public async Task Anonymous_writes_are_not_deduplicated()
    {
        using var first = await PostAsync("/orders", null, "key-5", "anonymous");
        using var second = await PostAsync("/orders", null, "key-5", "anonymous");

        Assert.Equal(2, await CountOrdersAsync("anonymous"));
    }

    [Fact]
    public async Task A_write_that_saved_nothing_records_nothing_and_is_validated_again()
    {
        using var invalid = await PostAsync("/orders", "alice", "key-6", " ");
        using var again = await PostAsync("/orders", "alice", "key-6", " ");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(0, await _app.WithContextAsync(db => db.Set<IdempotentRequest>().CountAsync(r => r.Key == "key-6")));
    }

    [Fact]
    public async Task The_audit_record_of_a_failed_call_does_not_claim_the_key_so_a_retry_runs_the_call_again()
    {
        using var failed = await PostAsync("/orders/unavailable", "alice", "key-13", "never-saved");
        using var again = await PostAsync("/orders/unavailable", "alice", "key-13", "never-saved");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, again.StatusCode);
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(0, await _app.WithContextAsync(db => db.Set<IdempotentRequest>().CountAsync(r => r.Key == "key-13")));
    }

    [Fact]
    public async Task A_handler_failing_after_its_save_keeps_the_effect_and_a_retry_says_it_was_applied()
    {
        using var failed = await PostAsync("/orders/failing", "alice", "key-7", "failed-late");
        using var soon = await PostAsync("/orders/failing", "alice", "key-7", "failed-late");
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        using var later = await PostAsync("/orders/failing", "alice", "key-7", "failed-late");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, soon.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal("true", later.Headers.GetValues("Idempotent-Replayed").Single());
        var lost = await later.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not kept", lost.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await CountOrdersAsync("failed-late"));
    }

    [Fact]
    public async Task A_response_carrying_a_secret_is_never_kept_and_a_retry_is_told_it_was_applied()
    {
        using var first = await PostAsync("/orders/secret", "alice", "key-9", "secret");
        using var retried = await PostAsync("/orders/secret", "alice", "key-9", "secret");

        Assert.Contains(IdempotencyApp.SecretValue, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("true", retried.Headers.GetValues("Idempotent-Replayed").Single());
        var retriedText = await retried.Content.ReadAsStringAsync();
        Assert.DoesNotContain(IdempotencyApp.SecretValue, retriedText, StringComparison.Ordinal);
        Assert.Contains("never kept", retriedText, StringComparison.Ordinal);
        var stored = await _app.WithContextAsync(db => db.Set<IdempotentRequest>().SingleAsync(r => r.Key == "key-9"));
        Assert.DoesNotContain(IdempotencyApp.SecretValue, System.Text.Encoding.UTF8.GetString(stored.ResponseBody!), StringComparison.Ordinal);
        Assert.Equal(1, await CountOrdersAsync("secret"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("\"\"")]
    public async Task An_invalid_key_is_refused_with_400(string key)
    {
        using var response = await PostAsync("/orders", "alice", key, "bad-key");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Idempotency-Key", (await ReadProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountOrdersAsync("bad-key"));
    }

    [Fact]
    public async Task A_too_long_key_is_refused_with_400()
    {
        using var response = await PostAsync("/orders", "alice", new string('k', 256), "long-key");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Expired_records_are_swept_and_their_keys_apply_anew()
    {
        using var first = await PostAsync("/orders", "alice", "key-8", "expiring");
        _app.Clock.Advance(TimeSpan.FromHours(25));

        var swept = await _app.Retention.SweepAsync(CancellationToken.None);
        using var again = await PostAsync("/orders", "alice", "key-8", "expiring");

        Assert.True(swept >= 1);
        Assert.Equal(0, await _app.Retention.SweepAsync(CancellationToken.None));
        Assert.False(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(2, await CountOrdersAsync("expiring"));
    }

    private Task<HttpResponseMessage> PostAsync(string path, string? subject, string key, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(new IdempotencyApp.NewOrder(name)),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        if (subject is not null)
        {
            request.Headers.Add(IdempotencyApp.SubjectHeader, subject);
        }

        return _app.Client.SendAsync(request);
    }

    private Task<int> CountOrdersAsync(string name) => _app.WithContextAsync(db => db.Orders.CountAsync(o => o.Name == name));

    private static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
