# hostgraft_helm_plugin(target ROOT dir TARBALL file BINARY exe MODULE module
#                       [STRIP] [DOCS files...] [MAN pages...] [COMPLETIONS files...])
#
# The Helm 4 plugin as `helm plugin install` takes it (docs/helm.md):
# ROOT/hostgraft/{plugin.yaml,bin/hostgraft,bin/hostgraft-vault.so}, and the
# same directory packed as TARBALL by `target`. Helm 4 looks for plugin.yaml
# in the directory named after the tarball without its extension and
# without everything from the last "-<digits>." on, so the top directory is
# hostgraft/ for hostgraft-0.1.0.tgz and for hostgraft-0.1.0-linux-amd64.tgz
# alike (the layout `helm plugin package` makes). STRIP strips the two
# binaries of their debug information; DOCS go to the top directory, MAN to
# man/man1/ and COMPLETIONS to completions/.
function(hostgraft_helm_plugin target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "STRIP" "ROOT;TARBALL;BINARY;MODULE" "DOCS;MAN;COMPLETIONS")
  set(dir ${arg_ROOT}/hostgraft)
  set(layout
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${dir}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}/bin
    COMMAND ${CMAKE_COMMAND} -E copy ${PROJECT_SOURCE_DIR}/plugin.yaml ${dir}/)
  foreach(binary ${arg_BINARY} ${arg_MODULE})
    if(arg_STRIP)
      list(APPEND layout COMMAND ${CMAKE_STRIP} --strip-unneeded -o ${dir}/bin/$<TARGET_FILE_NAME:${binary}>
                         $<TARGET_FILE:${binary}>)
    else()
      list(APPEND layout COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_FILE:${binary}> ${dir}/bin/)
    endif()
  endforeach()
  set(DOCS_subdir .)
  set(MAN_subdir man/man1)
  set(COMPLETIONS_subdir completions)
  foreach(kind DOCS MAN COMPLETIONS)
    if(arg_${kind})
      list(APPEND layout COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}/${${kind}_subdir}
                         COMMAND ${CMAKE_COMMAND} -E copy ${arg_${kind}} ${dir}/${${kind}_subdir}/)
    endif()
  endforeach()
  add_custom_command(OUTPUT ${arg_TARBALL} ${layout}
    COMMAND ${CMAKE_COMMAND} -E chdir ${arg_ROOT} ${CMAKE_COMMAND} -E tar czf ${arg_TARBALL} hostgraft
    DEPENDS ${arg_BINARY} ${arg_MODULE} ${PROJECT_SOURCE_DIR}/plugin.yaml ${arg_DOCS} ${arg_MAN} ${arg_COMPLETIONS}
    COMMENT "Laying out the Helm plugin ${arg_TARBALL}")
  add_custom_target(${target} DEPENDS ${arg_TARBALL})
endfunction()
