using System.Text.Json.Nodes;

namespace Dce.KubeSim.Apply;

/// <summary>
/// A set of field paths, as structured-merge-diff keeps them: a tree of path elements (<c>f:name</c>,
/// <c>k:{"name":"x"}</c>, <c>v:"x"</c>, <c>i:0</c>) whose nodes are members or only lead to members.
/// </summary>
public sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> children = new(StringComparer.Ordinal);

    /// <summary>Whether the path leading to this node is itself in the set.</summary>
    public bool Member { get; private set; }

    public bool IsEmpty => !Member && children.Count == 0;

    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node.children.TryGetValue(element, out var next))
            {
                next = new FieldSet();
                node.children[element] = next;
            }
            node = next;
        }
        node.Member = true;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path) is { Member: true };

    /// <summary>Whether the set holds the path or anything below it.</summary>
    public bool Covers(IReadOnlyList<string> path) => Find(path) is not null;

    /// <summary>Every member path, parents before children, in the encoding's sort order.</summary>
    public IEnumerable<IReadOnlyList<string>> Members()
    {
        var path = new List<string>();
        return Walk(this, path);

        static IEnumerable<IReadOnlyList<string>> Walk(FieldSet node, List<string> path)
        {
            if (node.Member && path.Count > 0)
            {
                yield return path.ToArray();
            }
            foreach (var (element, child) in node.children)
            {
                path.Add(element);
                foreach (var member in Walk(child, path))
                {
                    yield return member;
                }
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        foreach (var path in other.Members())
        {
            result.Insert(path);
        }
        return result;
    }

    public FieldSet Difference(FieldSet other) => Filter(path => !other.Contains(path));

    public FieldSet Intersection(FieldSet other) => Filter(other.Contains);

    public FieldSet Copy() => Filter(_ => true);

    /// <summary>Drops a path and everything below it, and the nodes that only led to it.</summary>
    public void RemoveBranch(IReadOnlyList<string> path) => RemoveBranch(path, 0);

    private bool RemoveBranch(IReadOnlyList<string> path, int depth)
    {
        if (depth == path.Count || !children.TryGetValue(path[depth], out var child))
        {
            return false;
        }
        if (depth == path.Count - 1 || child.RemoveBranch(path, depth + 1))
        {
            children.Remove(path[depth]);
        }
        return IsEmpty;
    }

    /// <summary>The <c>fieldsV1</c> encoding: members without children are <c>{}</c>, members with children carry <c>".": {}</c>.</summary>
    public JsonObject ToFieldsV1()
    {
        var encoded = new JsonObject();
        if (Member && children.Count > 0)
        {
            encoded["."] = new JsonObject();
        }
        foreach (var (element, child) in children)
        {
            encoded[element] = child.ToFieldsV1();
        }
        return encoded;
    }

    public static FieldSet FromFieldsV1(JsonObject? encoded)
    {
        var set = new FieldSet();
        if (encoded is null)
        {
            return set;
        }
        foreach (var (element, value) in encoded)
        {
            if (element == ".")
            {
                set.Member = true;
                continue;
            }
            var child = FromFieldsV1(value as JsonObject);
            if (child.children.Count == 0)
            {
                child.Member = true;
            }
            set.children[element] = child;
        }
        return set;
    }

    private FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node.children.TryGetValue(element, out var next))
            {
                return null;
            }
            node = next;
        }
        return node;
    }

    private FieldSet Filter(Func<IReadOnlyList<string>, bool> keep)
    {
        var result = new FieldSet();
        foreach (var path in Members().Where(keep))
        {
            result.Insert(path);
        }
        return result;
    }
}
