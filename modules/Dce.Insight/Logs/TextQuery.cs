using System.Text;

namespace Dce.Insight.Logs;

/// <summary>
/// The text filter: terms separated by spaces must all occur; a term is a word or a "quoted phrase"; <c>OR</c> between
/// terms lets either occur; <c>-term</c> excludes lines holding it. Matching is case-insensitive substring matching.
/// <c>error OR warn -healthz "took too long"</c> is (error or warn) and not healthz and the phrase.
/// </summary>
public sealed record TextQuery(IReadOnlyList<IReadOnlyList<string>> Required, IReadOnlyList<string> Excluded)
{
    public static readonly TextQuery Empty = new([], []);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="TextQueryException"/> with the position (0-based) of what is wrong.</summary>
    public static TextQuery Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var required = new List<List<string>>();
        var excluded = new List<string>();
        var pendingOr = -1;
        var position = 0;
        while (true)
        {
            while (position < text.Length && char.IsWhiteSpace(text[position]))
            {
                position++;
            }

            if (position >= text.Length)
            {
                break;
            }

            var start = position;
            var negated = text[position] == '-';
            if (negated)
            {
                position++;
                if (position >= text.Length || char.IsWhiteSpace(text[position]))
                {
                    throw new TextQueryException("'-' must be followed by the word or \"phrase\" to exclude", start);
                }
            }

            var quoted = text[position] == '"';
            var term = quoted ? Phrase(text, ref position) : Word(text, ref position);
            if (!quoted && !negated && term == "OR")
            {
                if (required.Count == 0 || pendingOr >= 0)
                {
                    throw new TextQueryException("OR must stand between two terms", start);
                }

                pendingOr = start;
                continue;
            }

            if (negated)
            {
                if (pendingOr >= 0)
                {
                    throw new TextQueryException("an excluded term cannot be one side of OR", start);
                }

                excluded.Add(term);
            }
            else if (pendingOr >= 0)
            {
                required[^1].Add(term);
                pendingOr = -1;
            }
            else
            {
                required.Add([term]);
            }
        }

        if (pendingOr >= 0)
        {
            throw new TextQueryException("OR must stand between two terms", pendingOr);
        }

        return new TextQuery(required, excluded);
    }

    private static string Word(string text, ref int position)
    {
        var start = position;
        while (position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            if (text[position] == '"')
            {
                throw new TextQueryException("a quote must start a term; put the whole phrase in quotes", position);
            }

            position++;
        }

        return text[start..position];
    }

    private static string Phrase(string text, ref int position)
    {
        var open = position++;
        var phrase = new StringBuilder();
        while (true)
        {
            if (position >= text.Length)
            {
                throw new TextQueryException("the quote opened here is never closed", open);
            }

            var c = text[position++];
            if (c == '\\' && position < text.Length && text[position] is '"' or '\\')
            {
                phrase.Append(text[position++]);
            }
            else if (c == '"')
            {
                break;
            }
            else
            {
                phrase.Append(c);
            }
        }

        if (phrase.Length == 0)
        {
            throw new TextQueryException("an empty phrase matches everything; remove it", open);
        }

        if (position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            throw new TextQueryException("a closing quote must end the term", position);
        }

        return phrase.ToString();
    }
}

/// <summary>A text filter that cannot be parsed, with the 0-based position of the character at fault.</summary>
public sealed class TextQueryException(string message, int position) : Exception($"{message} (at position {position})")
{
    public int Position { get; } = position;
}
