using Dce.ServiceDefaults.Api;
using Dce.Testing;
using Microsoft.EntityFrameworkCore;

namespace Dce.ServiceDefaults.Tests.Api;

public sealed class ListConventionTests : IAsyncLifetime
{
    private static readonly ListSorting<Cluster> Sorting = new ListSorting<Cluster>("name", c => c.Name, c => c.Name)
        .By("nodes", c => c.Nodes);

    private ClusterContext _db = null!;

    public async Task InitializeAsync()
    {
        var postgres = await SharedMiddleware.PostgresAsync();
        var connectionString = await postgres.CreateDatabaseAsync($"list_{Guid.NewGuid():N}");
        _db = new ClusterContext(new DbContextOptionsBuilder<ClusterContext>().UseNpgsql(connectionString).Options);
        await _db.Database.EnsureCreatedAsync();
        _db.Clusters.AddRange(Enumerable.Range(1, 25).Select(i => new Cluster { Name = $"{(i % 2 == 0 ? "edge" : "cloud")}-{i:D2}", Nodes = 100 - i }));
        await _db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Database_page_is_filtered_sorted_and_counted()
    {
        var page = await _db.Clusters.ToPageAsync(new ListQuery(Page: 2, PageSize: 5, SortBy: "nodes", SortDir: "desc", FuzzyName: "EDGE"), Sorting);

        Assert.Equal(new Pagination(Total: 12, Page: 2, PageSize: 5, Pages: 3), page.Pagination);
        Assert.Equal(["edge-12", "edge-14", "edge-16", "edge-18", "edge-20"], page.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task Memory_page_answers_the_same_as_the_database_page()
    {
        var query = new ListQuery(Page: 3, PageSize: 4, SortBy: "name", FuzzyName: "cloud");
        var all = await _db.Clusters.AsNoTracking().ToListAsync();

        var fromDatabase = await _db.Clusters.AsNoTracking().ToPageAsync(query, Sorting);
        var fromMemory = all.ToPage(query, Sorting);

        Assert.Equal(fromDatabase.Pagination, fromMemory.Pagination);
        Assert.Equal(fromDatabase.Items.Select(c => c.Name), fromMemory.Items.Select(c => c.Name));
    }

    [Fact]
    public async Task Page_past_the_end_is_empty_with_true_totals()
    {
        var page = await _db.Clusters.ToPageAsync(new ListQuery(Page: 9, PageSize: 10), Sorting);

        Assert.Empty(page.Items);
        Assert.Equal(new Pagination(25, 9, 10, 3), page.Pagination);
    }

    [Fact]
    public void Invalid_query_names_every_wrong_parameter()
    {
        var errors = new ListQuery(Page: 0, PageSize: 5000, SortBy: "password", SortDir: "sideways").Validate(Sorting.Fields);

        Assert.Equal(["page", "pageSize", "sortBy", "sortDir"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("name", errors["sortBy"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_page_one_of_ten_ascending()
    {
        var query = new ListQuery();

        Assert.Empty(query.Validate(Sorting.Fields));
        Assert.Equal((1, 10, false), (query.PageNumber, query.Size, query.Descending));
    }

    public sealed class Cluster
    {
        public int Id { get; set; }

        public required string Name { get; set; }

        public int Nodes { get; set; }
    }

    private sealed class ClusterContext(DbContextOptions<ClusterContext> options) : DbContext(options)
    {
        public DbSet<Cluster> Clusters => Set<Cluster>();
    }
}
