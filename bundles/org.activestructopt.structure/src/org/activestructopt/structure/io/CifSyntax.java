package org.activestructopt.structure.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tokenizer and parser for the CIF 1.1 syntax (IUCr, "CIF version 1.1 working specification", paragraphs on
 * reserved words, quoting, text fields and comments): data blocks, single items, loops, quoted strings whose closing
 * quote must be followed by white space, semicolon text fields, comments, and the unquoted special values '?' and '.'.
 * Save frames are skipped. Tags are case-insensitive and stored in lower case, with the DDL2 separator '.' replaced by
 * '_' so that {@code _atom_site.fract_x} and {@code _atom_site_fract_x} are the same tag.
 */
final class CifSyntax {

    /** One value with the line it starts on; {@code quoted} is true for quoted strings and text fields. */
    record Value(String text, int line, boolean quoted) {

        /** The unquoted '?' (unknown). */
        boolean isUnknown() {
            return !quoted && text.equals("?");
        }

        /** The unquoted '.' (inapplicable). */
        boolean isInapplicable() {
            return !quoted && text.equals(".");
        }
    }

    /** A loop: its tags and the values row by row. */
    record Loop(List<String> tags, List<List<Value>> rows, int line) {

        int column(String tag) {
            return tags.indexOf(tag);
        }
    }

    /** A data block: single-valued items and loops, looked up by tag. */
    static final class Block {

        private final String name;
        private final int line;
        private final Map<String, Value> items = new LinkedHashMap<>();
        private final Map<String, Loop> loopByTag = new LinkedHashMap<>();
        private final Map<String, Integer> tagLines = new LinkedHashMap<>();

        Block(String name, int line) {
            this.name = name;
            this.line = line;
        }

        String name() {
            return name;
        }

        int line() {
            return line;
        }

        boolean has(String tag) {
            return items.containsKey(tag) || loopByTag.containsKey(tag);
        }

        /** The single value of a non-looped tag, or null (also null for a looped tag). */
        Value item(String tag) {
            return items.get(tag);
        }

        /** The loop holding this tag, or null. */
        Loop loop(String tag) {
            return loopByTag.get(tag);
        }

        /**
         * All values of a tag: the column of its loop, or its single value as a one-element list; empty if absent.
         */
        List<Value> values(String tag) {
            Value v = items.get(tag);
            if (v != null) {
                return List.of(v);
            }
            Loop loop = loopByTag.get(tag);
            if (loop == null) {
                return List.of();
            }
            int col = loop.column(tag);
            List<Value> out = new ArrayList<>(loop.rows().size());
            for (List<Value> row : loop.rows()) {
                out.add(row.get(col));
            }
            return out;
        }

        /** Line where the tag appears, or the block's line if absent. */
        int lineOf(String tag) {
            return tagLines.getOrDefault(tag, line);
        }
    }

    private final String source;
    private final String text;
    private int pos;
    private int line = 1;
    private boolean atLineStart = true;

    private CifSyntax(String source, String text) {
        this.source = source;
        this.text = text;
    }

    /** Parses a whole CIF file into its data blocks, in file order. */
    static List<Block> parse(String source, String text) throws StructureFormatException {
        return new CifSyntax(source, text.startsWith("\uFEFF") ? text.substring(1) : text).blocks();
    }

    // ------------------------------------------------------------------------------------------------ tokens

    private enum Kind { DATA, LOOP, SAVE, GLOBAL, STOP, TAG, VALUE }

    private record Token(Kind kind, String text, int line, boolean quoted) {
    }

    private Token peeked;

    private Token peek() throws StructureFormatException {
        if (peeked == null) {
            peeked = read();
        }
        return peeked;
    }

    private Token next() throws StructureFormatException {
        Token t = peek();
        peeked = null;
        return t;
    }

    /** The next token, or null at the end of the text. */
    private Token read() throws StructureFormatException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                atLineStart = true;
            } else if (c == '\r') {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '\n') {
                    pos++;
                }
                line++;
                atLineStart = true;
            } else if (c == ' ' || c == '\t' || Character.isWhitespace(c)) {
                // other white space (form feed, vertical tab, ...) separates tokens too: bare() stops at it, so
                // leaving it here would return empty tokens forever
                pos++;
                atLineStart = false;
            } else if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                    pos++;
                }
            } else if (c == ';' && atLineStart) {
                return textField();
            } else if (c == '\'' || c == '"') {
                return quoted(c);
            } else {
                return bare();
            }
        }
        return null;
    }

    private Token textField() throws StructureFormatException {
        int startLine = line;
        pos++; // the opening ';'
        StringBuilder sb = new StringBuilder();
        while (true) {
            int eol = pos;
            while (eol < text.length() && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') {
                eol++;
            }
            sb.append(text, pos, eol);
            if (eol >= text.length()) {
                throw new StructureFormatException(source, startLine, null,
                        "text field opened with ';' at the start of this line is never closed (a line starting"
                                + " with ';' must end it)");
            }
            pos = eol + (text.charAt(eol) == '\r' && eol + 1 < text.length() && text.charAt(eol + 1) == '\n' ? 2 : 1);
            line++;
            if (pos < text.length() && text.charAt(pos) == ';') {
                pos++;
                atLineStart = false;
                return new Token(Kind.VALUE, sb.toString().strip(), startLine, true);
            }
            sb.append('\n');
        }
    }

    private Token quoted(char quote) throws StructureFormatException {
        int start = pos + 1;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                break;
            }
            // a quote closes the string only when white space or the end of the line follows it
            if (c == quote && (i + 1 >= text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                pos = i + 1;
                atLineStart = false;
                return new Token(Kind.VALUE, text.substring(start, i), line, true);
            }
            i++;
        }
        throw new StructureFormatException(source, line, null, "string opened with " + quote
                + " is not closed on the same line (" + excerpt(text.substring(pos, i)) + ")");
    }

    private Token bare() {
        int start = pos;
        while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        atLineStart = false;
        String word = text.substring(start, pos);
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data_")) {
            return new Token(Kind.DATA, word.substring(5), line, false);
        }
        if (lower.equals("loop_")) {
            return new Token(Kind.LOOP, word, line, false);
        }
        if (lower.startsWith("save_")) {
            return new Token(Kind.SAVE, word.substring(5), line, false);
        }
        if (lower.equals("global_")) {
            return new Token(Kind.GLOBAL, word, line, false);
        }
        if (lower.equals("stop_")) {
            return new Token(Kind.STOP, word, line, false);
        }
        if (word.startsWith("_")) {
            return new Token(Kind.TAG, normalizeTag(word), line, false);
        }
        return new Token(Kind.VALUE, word, line, false);
    }

    static String normalizeTag(String tag) {
        return tag.toLowerCase(Locale.ROOT).replace('.', '_');
    }

    private static String excerpt(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    // ------------------------------------------------------------------------------------------------ grammar

    private List<Block> blocks() throws StructureFormatException {
        List<Block> blocks = new ArrayList<>();
        Block block = null;
        boolean inSaveFrame = false;
        Token t;
        while ((t = next()) != null) {
            switch (t.kind()) {
                case DATA -> {
                    if (t.text().isEmpty()) {
                        throw new StructureFormatException(source, t.line(), null, "data block without a name"
                                + " ('data_' must be followed by the block name)");
                    }
                    block = new Block(t.text(), t.line());
                    blocks.add(block);
                    inSaveFrame = false;
                }
                case SAVE -> inSaveFrame = !t.text().isEmpty();
                case GLOBAL, STOP -> throw new StructureFormatException(source, t.line(), null, "reserved word '"
                        + t.text() + "' is not allowed in a CIF data file");
                case TAG, LOOP -> {
                    if (block == null) {
                        throw new StructureFormatException(source, t.line(), t.kind() == Kind.TAG ? t.text() : null,
                                "data appear before the first data block header (data_...)");
                    }
                    if (t.kind() == Kind.TAG) {
                        item(inSaveFrame ? new Block("save", 0) : block, t);
                    } else {
                        loop(inSaveFrame ? new Block("save", 0) : block, t);
                    }
                }
                case VALUE -> throw new StructureFormatException(source, t.line(), null, "value '"
                        + excerpt(t.text()) + "' is not preceded by a tag" + (block == null ? ""
                                : " (a loop with more values than its tags allow, or a tag missing?)"));
            }
        }
        return Collections.unmodifiableList(blocks);
    }

    private void item(Block block, Token tag) throws StructureFormatException {
        Token v = next();
        if (v == null || v.kind() != Kind.VALUE) {
            throw new StructureFormatException(source, tag.line(), tag.text(), "tag has no value"
                    + (v == null ? " (end of file)" : " (next comes '" + v.text() + "' on line " + v.line() + ")"));
        }
        define(block, tag);
        block.items.put(tag.text(), new Value(v.text(), v.line(), v.quoted()));
    }

    private void define(Block block, Token tag) throws StructureFormatException {
        if (block.has(tag.text())) {
            throw new StructureFormatException(source, tag.line(), tag.text(), "tag appears twice in data block '"
                    + block.name() + "' (first on line " + block.lineOf(tag.text()) + ")");
        }
        block.tagLines.put(tag.text(), tag.line());
    }

    private void loop(Block block, Token loopToken) throws StructureFormatException {
        List<String> tags = new ArrayList<>();
        List<Token> tagTokens = new ArrayList<>();
        while (peek() != null && peek().kind() == Kind.TAG) {
            Token tag = next();
            tagTokens.add(tag);
            tags.add(tag.text());
        }
        if (tags.isEmpty()) {
            throw new StructureFormatException(source, loopToken.line(), null, "loop_ without tags");
        }
        List<Value> values = new ArrayList<>();
        while (peek() != null && peek().kind() == Kind.VALUE) {
            Token v = next();
            values.add(new Value(v.text(), v.line(), v.quoted()));
        }
        if (values.size() % tags.size() != 0) {
            int lastLine = values.isEmpty() ? loopToken.line() : values.get(values.size() - 1).line();
            throw new StructureFormatException(source, lastLine, tags.get(0), "loop starting on line "
                    + loopToken.line() + " has " + tags.size() + " tags but " + values.size()
                    + " values, not a multiple (a value missing or an unquoted value containing spaces?)");
        }
        List<List<Value>> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i += tags.size()) {
            rows.add(List.copyOf(values.subList(i, i + tags.size())));
        }
        Loop loop = new Loop(List.copyOf(tags), Collections.unmodifiableList(rows), loopToken.line());
        for (Token tag : tagTokens) {
            define(block, tag);
            block.loopByTag.put(tag.text(), loop);
        }
    }
}
