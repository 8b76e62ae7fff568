using System.Net;
using System.Net.Http.Json;
using Dce.GlobalManagement.Services.Identity;
using StackExchange.Redis;

namespace Dce.GlobalManagement.Tests.Security;

/// <summary>Password guessing is limited per user and client address, atomically, without locking owners out elsewhere.</summary>
[Trait("Category", "Security")]
public sealed class LockoutTests(GlobalManagementApp app) : IClassFixture<GlobalManagementApp>
{
    private const string Login = "/apis/ghippo.io/v1alpha1/login";
    private const int Limit = 5;
    private static int _addresses;

    [Fact]
    public async Task Admin_still_signs_in_from_another_address_while_one_address_hammers_it()
    {
        var attacker = ThroughGateway(NewAddress());
        for (var attempt = 0; attempt < Limit * 2; attempt++)
        {
            await attacker.PostAsJsonAsync(Login, new { username = GlobalManagementApp.AdminName, password = "Guessing-Admin-1" });
        }

        var attackerWithRightPassword = await attacker.PostAsJsonAsync(Login, new { username = GlobalManagementApp.AdminName, password = GlobalManagementApp.AdminPassword });
        var owner = await ThroughGateway(NewAddress()).PostAsJsonAsync(Login, new { username = GlobalManagementApp.AdminName, password = GlobalManagementApp.AdminPassword });

        Assert.Equal(HttpStatusCode.Locked, attackerWithRightPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task A_burst_of_400_parallel_guesses_gets_no_more_verifications_than_the_limit()
    {
        var name = await NewUserAsync();
        var attacker = ThroughGateway(NewAddress());
        var before = app.Service<Passwords>().Verifications;

        var answers = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ =>
            attacker.PostAsJsonAsync(Login, new { username = name, password = "Parallel-Guess-1" })));

        var verifications = app.Service<Passwords>().Verifications - before;
        Assert.True(answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized) <= Limit, "more guesses were answered than the limit");
        Assert.InRange(verifications, 1, Limit);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Locked }));
    }

    [Fact]
    public async Task Unknown_user_names_cost_the_same_hashing_work_and_leave_nothing_per_name()
    {
        var client = ThroughGateway(NewAddress());
        var names = Enumerable.Range(0, 4).Select(_ => TestUsers.UniqueName("ghost")).ToList();
        var before = app.Service<Passwords>().Verifications;

        foreach (var name in names)
        {
            var answer = await client.PostAsJsonAsync(Login, new { username = name, password = "Ghost-Password-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        }

        var verifications = app.Service<Passwords>().Verifications - before;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(app.RedisConnectionString);
        var database = redis.GetDatabase();
        var server = redis.GetServers()[0];
        var stored = new List<string>();
        await foreach (var key in server.KeysAsync(database.Database, "*"))
        {
            stored.Add(key.ToString());
            if (await database.KeyTypeAsync(key) == RedisType.Hash)
            {
                stored.AddRange((await database.HashKeysAsync(key)).Select(field => field.ToString()));
            }
        }

        Assert.DoesNotContain(stored, entry => names.Any(name => entry.Contains(name, StringComparison.OrdinalIgnoreCase)));
        Assert.Equal(names.Count, verifications);
    }

    [Fact]
    public async Task Wrong_current_passwords_in_a_password_change_count_toward_the_lockout()
    {
        var name = await NewUserAsync();
        var address = NewAddress();
        var client = ThroughGateway(address);
        var token = await SignInAsync(client, name);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        for (var attempt = 0; attempt < Limit; attempt++)
        {
            var wrong = await client.PutAsJsonAsync("/apis/ghippo.io/v1alpha1/current-user/password", new { oldPassword = "Guessed-Current-1", newPassword = "Brand-New-Secret-5" });
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var locked = await client.PutAsJsonAsync("/apis/ghippo.io/v1alpha1/current-user/password", new { oldPassword = TestUsers.Password, newPassword = "Brand-New-Secret-5" });
        var signIn = await ThroughGateway(address).PostAsJsonAsync(Login, new { username = name, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.Locked, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, signIn.StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        var name = await NewUserAsync();
        var spoofed = NewAddress();
        var untrusted = app.ClientFrom("203.0.113.7");
        untrusted.DefaultRequestHeaders.Add("X-Forwarded-For", spoofed);

        for (var attempt = 0; attempt < Limit; attempt++)
        {
            await untrusted.PostAsJsonAsync(Login, new { username = name, password = "Spoofed-Guess-1" });
        }

        // The guesses were charged to the untrusted peer itself, not to the address it claimed.
        var fromSpoofedAddress = await ThroughGateway(spoofed).PostAsJsonAsync(Login, new { username = name, password = TestUsers.Password });
        var fromUntrustedPeer = await app.ClientFrom("203.0.113.7").PostAsJsonAsync(Login, new { username = name, password = TestUsers.Password });

        Assert.Equal(HttpStatusCode.OK, fromSpoofedAddress.StatusCode);
        Assert.Equal(HttpStatusCode.Locked, fromUntrustedPeer.StatusCode);
    }

    /// <summary>A client behind the gateway (a trusted proxy on loopback) that forwards for <paramref name="address"/>.</summary>
    private HttpClient ThroughGateway(string address)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.51.{Random.Shared.Next(0, 200)}.{n % 250 + 1}";
    }

    private async Task<string> NewUserAsync()
    {
        var name = TestUsers.UniqueName("guessed");
        await TestUsers.CreateAsync(await app.AdminClientAsync(), name);
        return name;
    }

    private static async Task<string> SignInAsync(HttpClient client, string name)
    {
        var login = await client.PostAsJsonAsync(Login, new { username = name, password = TestUsers.Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<GlobalManagementApp.LoginAnswer>())!.IdToken;
    }
}
