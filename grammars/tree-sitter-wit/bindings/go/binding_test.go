package tree_sitter_wit_test

import (
	"testing"

	tree_sitter "github.com/smacker/go-tree-sitter"
	"github.com/wit-ls/wit-ls/grammars/tree-sitter-wit"
)

func TestCanLoadGrammar(t *testing.T) {
	language := tree_sitter.NewLanguage(tree_sitter_wit.Language())
	if language == nil {
		t.Errorf("Error loading Wit grammar")
	}
}
